using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Scheduler.Contracts;
using Scheduler.Domain;
using Scheduler.Grains.Hosting;
using Scheduler.Grains.Notifications;
using Scheduler.Grains.State;
using Scheduler.Grains.Telemetry;
using Scheduler.Storage;

namespace Scheduler.Grains.Grains;

/// <summary>
/// Everyone holding one normalised document number, keyed by its keyed hash (<see cref="ApplicantKeys"/>): the
/// grain id reaches traces, logs and storage keys, the number must not. Not reentrant: one request at a time, which is what makes
/// "one active appointment per applicant and procedure" and idempotent retries simple.
/// <para>
/// Claims (which code and day this document holds for each procedure) live in the journal's claims table and
/// change in the same transaction as their seat, through the day inventory. A person's first booking does not come
/// here at all: the <see cref="Hosting.BookingDesk"/> hands it straight to the day with a claim to open, and comes here
/// only when the day or the journal's unique index on active claims says something is already held (then this grain
/// reads the stored claims and decides, idempotent replays included). Requests that need the whole picture (read,
/// cancel, reschedule, waitlist) read the claims each time, so a claim the desk opened is never missed. A booking
/// made here goes straight to the day too, reading only when the journal refuses its claim. Waitlist membership stays
/// in the small grain state <c>applicant</c>, read when a waitlist request needs it.
/// </para>
/// </summary>
// Applicants are touched a few times each; thousands arrive per second in a surge: let them go soon.
[CollectionAgeLimit(Minutes = 2)]
[GrainType("applicant")]
public sealed class ApplicantGrain(
    [FromKeyedServices(StorageNames.Scheduler)] IGrainStorage storage,
    SeatJournal journal,
    TimeProvider clock,
    SchedulerMetrics metrics,
    IFaultInjection faults,
    NotificationOutbox outbox,
    IOptions<NotificationOptions> notifications,
    IOptions<PrivacyOptions> privacy,
    ApplicantKeys keys,
    ILogger<ApplicantGrain> logger) : Grain, IApplicantGrain
{
    public const string AfterSeat = "applicant:after-seat";
    public const string AfterNewSeat = "applicant:after-new-seat";
    public const string StateName = "applicant";

    private static readonly TimeSpan IdempotencyRetention = TimeSpan.FromDays(2);
    private readonly Dictionary<string, Claim> claims = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DayKey> closed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IdempotencyRecord> requests = new(StringComparer.Ordinal);
    private readonly GrainState<ApplicantState> waitlist = new(new ApplicantState());
    private bool claimsLoaded;
    private bool waitlistLoaded;

    private ApplicantState WaitlistState => waitlist.State ??= new ApplicantState();

    /// <summary>The keyed hash that stands for this document number: the grain's key, and its claims' document key.</summary>
    private string DocumentKey => this.GetPrimaryKeyString();

    async Task<BookingOutcome> IApplicantGrain.Book(BookingCommand command, string? idempotencyKey)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = await BookAsync(command, idempotencyKey, decidedWithStoredClaims: false);
        metrics.Booking(outcome.Result.ToString(), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (outcome.Result == BookingResult.Booked && !claimsLoaded && !waitlistLoaded)
        {
            // A person books once: an activation that read nothing holds nothing the claims table does not (the claim,
            // its idempotency key), so it goes now rather than after the collection age. In a surge of thousands of
            // new applicants a second, two minutes of idle activations held gigabytes (936,000 bookings in 5 minutes:
            // 6.5 GiB resident). A retry activates the grain again, and the claims table answers it.
            DeactivateOnIdle();
        }

        var claimKey = ClaimedSeat.ClaimKey(command.Applicant.Identity, command.Procedure);
        if (outcome.Result == BookingResult.Booked && waitlistLoaded && WaitlistState.Waiting.Remove(claimKey, out var waitlistId))
        {
            // Booked by hand: leave the waitlist. Not awaited: the waitlist may be calling us right now. (When this
            // activation never read its waitlist state, the waitlist finds out on its next try: "already booked".)
            GrainFactory.GetGrain<IWaitlistGrain>(command.Procedure).Leave(waitlistId, "booked by hand").Ignore();
            await WriteWaitlistAsync();
        }

        return outcome;
    }

    /// <remarks>
    /// The entry's key makes a retry after a lost answer return the same seat; a refusal (slot full) is not
    /// remembered under it, or the entry would be refused again forever while later entries were served. The key
    /// stands for the entry, not for one place: a later offer elsewhere (the answer to the first was lost) finds
    /// the seat the first one took instead of being refused as a reused key, which would also starve the entry.
    /// </remarks>
    Task<BookingOutcome> IApplicantGrain.BookFromWaitlist(BookingCommand command, string waitlistId) =>
        BookAsync(command, ClaimedSeat.WaitlistKeyPrefix + waitlistId, decidedWithStoredClaims: false, rememberRefusal: false, anyPlace: true);

    /// <remarks>Like a waitlist booking, the request's key stands for the request: a replay after a crash finds the seat it took.</remarks>
    Task<BookingOutcome> IApplicantGrain.BookForRequest(BookingCommand command, string requestId) =>
        BookAsync(command, ClaimedSeat.RequestKeyPrefix + requestId, decidedWithStoredClaims: false, rememberRefusal: false, anyPlace: true, by: "allocation");

    async Task<RequestFileOutcome> IApplicantGrain.FileRequest(WaitlistEntry request, string? idempotencyKey)
    {
        await LoadClaimsAsync();
        await LoadWaitlistAsync();
        var allocation = GrainFactory.GetGrain<IAllocationGrain>(request.Procedure);
        var id = request.Id;
        if (idempotencyKey is not null && WaitlistState.RequestKeys.TryGetValue(idempotencyKey, out var earlierId))
        {
            if (!WaitlistState.RequestEntries.TryGetValue(earlierId, out var earlierProcedure) || earlierProcedure != request.Procedure)
            {
                return new RequestFileOutcome(RequestFileResult.IdempotencyKeyReused, null);
            }

            if (await allocation.GetRequest(earlierId) is { } filed)
            {
                return filed.Entry.From == request.From && filed.Entry.To == request.To
                    ? new RequestFileOutcome(RequestFileResult.Filed, filed)
                    : new RequestFileOutcome(RequestFileResult.IdempotencyKeyReused, null);
            }

            // Recorded here but never stored by the allocation (the call was lost): file it now, under the same id.
            id = earlierId;
        }

        var claimKey = ClaimedSeat.ClaimKey(request.Applicant.Identity, request.Procedure);
        if (claims.TryGetValue(claimKey, out var claim) && await ResolveAsync(claim) is { IsActive: true })
        {
            return new RequestFileOutcome(RequestFileResult.AlreadyBooked, null);
        }

        if (WaitlistState.Requesting.TryGetValue(claimKey, out var liveId) && liveId != id &&
            await allocation.GetRequest(liveId) is { Entry.Status: WaitlistStatus.Waiting })
        {
            return new RequestFileOutcome(RequestFileResult.AlreadyRequested, null);
        }

        // Remembered before the allocation stores it: a crash in between leaves an id that reads as "no request".
        WaitlistState.Requesting[claimKey] = id;
        WaitlistState.RequestEntries[id] = request.Procedure;
        if (idempotencyKey is not null)
        {
            WaitlistState.RequestKeys[idempotencyKey] = id;
        }

        await WriteWaitlistAsync();
        return await allocation.File(request with { Id = id }) is { } view
            ? new RequestFileOutcome(RequestFileResult.Filed, view)
            : new RequestFileOutcome(RequestFileResult.NotBatchMode, null);
    }

    async Task<RequestView?> IApplicantGrain.FindRequest(string id)
    {
        await LoadWaitlistAsync();
        return WaitlistState.RequestEntries.TryGetValue(id, out var procedure)
            ? await GrainFactory.GetGrain<IAllocationGrain>(procedure).GetRequest(id)
            : null;
    }

    async Task<bool> IApplicantGrain.WithdrawRequest(string id)
    {
        await LoadWaitlistAsync();
        if (!WaitlistState.RequestEntries.TryGetValue(id, out var procedure))
        {
            return false;
        }

        // Withdrawing twice is harmless, like cancelling: a request of this document that is no longer open answers "done".
        await GrainFactory.GetGrain<IAllocationGrain>(procedure).Withdraw(id);
        return true;
    }

    async Task<WaitlistJoinOutcome> IApplicantGrain.JoinWaitlist(WaitlistEntry entry)
    {
        await LoadClaimsAsync();
        await LoadWaitlistAsync();
        var claimKey = ClaimedSeat.ClaimKey(entry.Applicant.Identity, entry.Procedure);
        if (claims.TryGetValue(claimKey, out var claim) && await ResolveAsync(claim) is { IsActive: true } active)
        {
            return new WaitlistJoinOutcome(WaitlistJoinResult.AlreadyBooked, null, active.Code);
        }

        if (WaitlistState.Waiting.TryGetValue(claimKey, out var waitingId) &&
            await GrainFactory.GetGrain<IWaitlistGrain>(entry.Procedure).Get(waitingId) is { Entry.Status: WaitlistStatus.Waiting } view)
        {
            return new WaitlistJoinOutcome(WaitlistJoinResult.AlreadyWaiting, view, null);
        }

        WaitlistState.Waiting[claimKey] = entry.Id;
        WaitlistState.WaitlistEntries[entry.Id] = entry.Procedure;
        await WriteWaitlistAsync();
        return new WaitlistJoinOutcome(WaitlistJoinResult.Joined, null, null);
    }

    async Task IApplicantGrain.LeaveWaitlistBookedByHand(string waitlistId)
    {
        await LoadWaitlistAsync();
        if (!WaitlistState.WaitlistEntries.TryGetValue(waitlistId, out var procedure))
        {
            return;
        }

        if (StopWaiting(waitlistId))
        {
            await WriteWaitlistAsync();
        }

        // Leaving an entry that has finished meanwhile (booked by the waitlist, expired) changes nothing.
        await GrainFactory.GetGrain<IWaitlistGrain>(procedure).Leave(waitlistId, "booked by hand");
    }

    async Task<WaitlistView?> IApplicantGrain.FindWaitlistEntry(string id)
    {
        await LoadWaitlistAsync();
        return WaitlistState.WaitlistEntries.TryGetValue(id, out var procedure)
            ? await GrainFactory.GetGrain<IWaitlistGrain>(procedure).Get(id)
            : null;
    }

    async Task<bool> IApplicantGrain.LeaveWaitlist(string id)
    {
        await LoadWaitlistAsync();
        if (!WaitlistState.WaitlistEntries.TryGetValue(id, out var procedure))
        {
            return false;
        }

        StopWaiting(id);
        await WriteWaitlistAsync();
        GrainFactory.GetGrain<IWaitlistGrain>(procedure).Leave(id, "withdrawn by the applicant").Ignore();
        return true;
    }

    async Task<Appointment?> IApplicantGrain.Find(string code)
    {
        await LoadClaimsAsync();
        var appointment = FindClaim(code) is { } claim
            ? await ResolveAsync(claim)
            : closed.TryGetValue(code, out var day) ? await Day(day).Resolve(code) : null;
        return appointment is not null && OwnedHere(appointment) ? appointment : null;
    }

    async Task IApplicantGrain.RecoverAppointments(ApplicantIdentity identity, string? procedure)
    {
        await LoadClaimsAsync();
        var messages = new List<OutboxMessage>();
        foreach (var claim in claims.Values.Where(c => SameIdentity(c, identity) && (procedure is null || c.Procedure == procedure)).ToArray())
        {
            if (await ResolveAsync(claim) is { IsActive: true } appointment && OwnedHere(appointment))
            {
                messages.AddRange(RecoveryMessages.ForAppointment(appointment));
            }
        }

        await SendRecoveryAsync(identity, messages);
    }

    async Task IApplicantGrain.RecoverWaitlistEntries(ApplicantIdentity identity, string? procedure)
    {
        await LoadWaitlistAsync();
        var messages = new List<OutboxMessage>();
        foreach (var (id, entryProcedure) in WaitlistState.WaitlistEntries.Where(e => procedure is null || e.Value == procedure).ToArray())
        {
            if (await GrainFactory.GetGrain<IWaitlistGrain>(entryProcedure).Get(id) is { Entry: { Status: WaitlistStatus.Waiting } entry } &&
                entry.Applicant.Identity == identity)
            {
                messages.AddRange(RecoveryMessages.ForWaitlistEntry(entry));
            }
        }

        await SendRecoveryAsync(identity, messages);
    }

    async Task<BookingOutcome> IApplicantGrain.Reschedule(RescheduleCommand command, string? idempotencyKey)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = await RescheduleAsync(command, "applicant", reason: null);
        metrics.Booking("Reschedule" + outcome.Result, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return outcome;
    }

    Task<BookingOutcome> IApplicantGrain.Relocate(string code, DayKey target, TimeOnly start, string by, string reason) =>
        RescheduleAsync(new RescheduleCommand(code, target.OfficeId, target.Date, start), by, reason);

    async Task<bool> IApplicantGrain.Cancel(string code)
    {
        await LoadClaimsAsync();
        if (FindClaim(code) is not { } claim)
        {
            // Cancelling twice is harmless: a known, already cancelled code still answers "done".
            return closed.ContainsKey(code);
        }

        if (await ResolveAsync(claim) is not { } appointment || !OwnedHere(appointment))
        {
            return false;
        }

        var entry = new HistoryEntry(clock.GetUtcNow(), "cancelled", "applicant", null);
        await Day(appointment.Day).Release(code, entry, movedAway: false, Change(ClaimChangeKind.Close, claim, appointment.Day));
        claims.Remove(ClaimedSeat.ClaimKey(claim.Identity, claim.Procedure));
        closed[code] = appointment.Day;
        return true;
    }

    /// <summary>
    /// Books from memory when it knows enough; otherwise lets the journal tell (a claim refused as already held),
    /// then reads the stored claims and decides again, once.
    /// </summary>
    private async Task<BookingOutcome> BookAsync(
        BookingCommand command, string? idempotencyKey, bool decidedWithStoredClaims, bool rememberRefusal = true, bool anyPlace = false, string by = "applicant")
    {
        var identity = command.Applicant.Identity;
        var claimKey = ClaimedSeat.ClaimKey(identity, command.Procedure);
        var fingerprint = ClaimedSeat.Fingerprint(command);
        IdempotencyRecord? earlier = null;
        if (idempotencyKey is not null && requests.TryGetValue(idempotencyKey, out earlier))
        {
            if (earlier.Fingerprint != fingerprint && !anyPlace)
            {
                return BookingOutcome.Of(BookingResult.IdempotencyKeyReused);
            }

            if (earlier.Outcome is { } settled)
            {
                return settled;
            }
        }

        if (claims.TryGetValue(claimKey, out var claim))
        {
            if (await ResolveAsync(claim) is { IsActive: true } active)
            {
                return earlier?.Code == active.Code
                    ? new BookingOutcome(BookingResult.Booked, active)
                    : new BookingOutcome(BookingResult.AlreadyBooked, ExistingCode: active.Code);
            }

            // A claim whose seat is gone (written by an earlier release, before claims and seats shared a
            // transaction): end it, so that it no longer blocks a booking.
            claims.Remove(claimKey);
            await journal.EndClaimAsync(claim.Code);
        }

        var day = new DayKey(command.OfficeId, command.Procedure, command.Date);
        var code = ConfirmationCode.New();
        if (idempotencyKey is not null)
        {
            requests[idempotencyKey] = new IdempotencyRecord(fingerprint, code, clock.GetUtcNow(), null);
        }

        var decision = await Day(day).Take(ClaimedSeat.Open(command, code, keys.Of(identity.DocumentNumber), idempotencyKey, fingerprint, by));
        await CrashPointAsync(AfterSeat);

        switch (decision)
        {
            case { Result: SeatResult.Booked, Appointment: { } booked } when booked.Code == code:
                claims[claimKey] = new Claim(identity, command.Procedure, code, day, MovingFrom: null);
                return new BookingOutcome(BookingResult.Booked, booked);
            case { Result: SeatResult.Booked } or { Result: SeatResult.AlreadyClaimed } when !decidedWithStoredClaims:
                // The day already holds a seat for this identity, or the journal holds an active claim that memory
                // did not know (a fresh activation reads nothing): read the stored claims and decide again. A
                // booking whose answer was lost gets its code only if this request carries its idempotency key.
                requests.Remove(idempotencyKey ?? string.Empty);
                await LoadClaimsAsync();
                return await BookAsync(command, idempotencyKey, decidedWithStoredClaims: true, rememberRefusal, anyPlace, by);
            case { Result: SeatResult.Booked, Appointment: { } held }:
                return new BookingOutcome(BookingResult.AlreadyBooked, ExistingCode: held.Code);
            case { Result: SeatResult.AlreadyClaimed }:
                return BookingOutcome.Of(BookingResult.AlreadyBooked);
            default:
                if (!rememberRefusal)
                {
                    requests.Remove(idempotencyKey ?? string.Empty);
                    return ClaimedSeat.Outcome(decision);
                }

                return Settle(idempotencyKey, earlier, fingerprint, ClaimedSeat.Outcome(decision));
        }
    }

    private async Task<BookingOutcome> RescheduleAsync(RescheduleCommand command, string by, string? reason)
    {
        await LoadClaimsAsync();
        if (FindClaim(command.Code) is not { } claim || await ResolveAsync(claim) is not { IsActive: true } current || !OwnedHere(current))
        {
            return BookingOutcome.Of(BookingResult.NotFound);
        }

        var claimKey = ClaimedSeat.ClaimKey(claim.Identity, claim.Procedure);
        var target = new DayKey(command.OfficeId, claim.Procedure, command.Date);
        // A move keeps when the applicant filed (and whether in time); it takes no reserve seat it did not hold.
        var request = new SeatRequest(
            current.Code, current.Applicant, command.Start, current.History, by, reason,
            Policy: new SeatPolicy(0, 0, false, current.FiledAt, current.FiledInTime));
        if (target == current.Day)
        {
            return ClaimedSeat.Outcome(await Day(target).Take(request));
        }

        // The new seat is taken before the old one is released; the claim records the move in progress, in the
        // same transaction as the new seat.
        var moving = claim with { Day = target, MovingFrom = current.Day };
        var decision = await Day(target).Take(request with { Claim = Change(ClaimChangeKind.Move, moving, target, current.Day) });
        if (decision.Result != SeatResult.Booked)
        {
            return ClaimedSeat.Outcome(decision);
        }

        claims[claimKey] = moving;
        await CrashPointAsync(AfterNewSeat);

        await FinishMoveAsync(claimKey, moving);
        return ClaimedSeat.Outcome(decision);
    }

    /// <summary>The appointment a claim points at, completing a move that a crash interrupted.</summary>
    private async Task<Appointment?> ResolveAsync(Claim claim)
    {
        var claimKey = ClaimedSeat.ClaimKey(claim.Identity, claim.Procedure);
        var appointment = await Day(claim.Day).Resolve(claim.Code);
        if (claim.MovingFrom is { } from)
        {
            if (appointment is { IsActive: true })
            {
                await FinishMoveAsync(claimKey, claim);
            }
            else
            {
                // The move never took its new seat (only a claim written by an earlier release can say so): the
                // appointment is still where it was.
                var back = claim with { Day = from, MovingFrom = null };
                claims[claimKey] = back;
                await journal.RepointClaimAsync(claim.Code, from);
                appointment = await Day(from).Resolve(claim.Code);
            }
        }

        return appointment;
    }

    private async Task FinishMoveAsync(string claimKey, Claim claim)
    {
        if (claim.MovingFrom is not { } from)
        {
            return;
        }

        try
        {
            var entry = new HistoryEntry(clock.GetUtcNow(), "moved-out", "scheduler", claim.Day.ToString());
            var settled = claim with { MovingFrom = null };
            await Day(from).Release(claim.Code, entry, movedAway: true, Change(ClaimChangeKind.Move, settled, claim.Day));
            claims[claimKey] = settled;
        }
        catch (Exception failure)
        {
            // The appointment is safe at its new place; the old seat is released on the next request.
            logger.LogWarning(failure, "Releasing {Code} at {Day} after a move failed; will retry", claim.Code, from);
        }
    }

    /// <summary>
    /// Reads the stored claims of this document, every time a request needs them: the claims table is the truth, and
    /// this activation's memory of it can be short by the claims the <see cref="Hosting.BookingDesk"/> opened without
    /// passing through here (it opens claims, never moves or ends them). Every change this grain makes has committed
    /// before its request returns (it is not reentrant), so what is read replaces what memory held; remembered
    /// refusals of Idempotency-Keys (memory only) stay.
    /// </summary>
    private async Task LoadClaimsAsync()
    {
        var rows = await journal.ReadClaimsAsync(DocumentKey);
        claims.Clear();
        closed.Clear();
        var now = clock.GetUtcNow();
        foreach (var stored in rows)
        {
            // The stored claim knows type and country; the number itself is known here only by its hash (the key),
            // and claims are told apart by type, country and procedure (ClaimKey).
            var identity = new ApplicantIdentity(stored.DocumentType, string.Empty, stored.Country);
            if (stored.Active)
            {
                claims.TryAdd(ClaimedSeat.ClaimKey(identity, stored.Procedure), new Claim(identity, stored.Procedure, stored.Code, stored.Day, stored.MovingFrom));
            }
            else
            {
                closed.TryAdd(stored.Code, stored.Day);
            }

            if (stored is { IdempotencyKey: { } key, Fingerprint: { } fingerprint })
            {
                requests.TryAdd(key, new IdempotencyRecord(fingerprint, stored.Code, now, null));
            }
        }

        claimsLoaded = true;
    }

    /// <summary>Forgets that this document waits on entry <paramref name="id"/>; whether it did.</summary>
    private bool StopWaiting(string id)
    {
        var waitingFor = WaitlistState.Waiting.Where(w => w.Value == id).Select(w => w.Key).ToArray();
        foreach (var claimKey in waitingFor)
        {
            WaitlistState.Waiting.Remove(claimKey);
        }

        return waitingFor.Length > 0;
    }

    private async Task LoadWaitlistAsync()
    {
        if (!waitlistLoaded)
        {
            await storage.ReadStateAsync(StateName, this.GetGrainId(), waitlist);
            waitlistLoaded = true;
        }
    }

    private async Task WriteWaitlistAsync()
    {
        // Claims, idempotency keys and closed codes live in the journal now; an earlier release's copies (carried
        // over at start-up) are dropped from this state when it is next written.
        WaitlistState.Claims.Clear();
        WaitlistState.Requests.Clear();
        WaitlistState.Closed.Clear();
        try
        {
            await storage.WriteStateAsync(StateName, this.GetGrainId(), waitlist);
            metrics.StorageWrite("applicant");
        }
        catch (InconsistentStateException)
        {
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// Where tests make this activation die between two steps (it throws and the activation is dropped, so the
    /// next call starts from what was stored). Never throws in production (<see cref="NoFaults"/>).
    /// </summary>
    private async Task CrashPointAsync(string point)
    {
        try
        {
            await faults.At(point, this.GetPrimaryKeyString());
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private BookingOutcome Settle(string? idempotencyKey, IdempotencyRecord? earlier, string fingerprint, BookingOutcome outcome)
    {
        if (idempotencyKey is not null)
        {
            // Remembered in memory only: a refusal needs no write, and a replay after this activation is gone is
            // decided afresh (it still cannot book twice).
            var now = clock.GetUtcNow();
            foreach (var stale in requests.Where(r => r.Value.At < now - IdempotencyRetention).Select(r => r.Key).ToArray())
            {
                requests.Remove(stale);
            }

            requests[idempotencyKey] = new IdempotencyRecord(fingerprint, earlier?.Code ?? ConfirmationCode.New(), now, outcome);
        }

        return outcome;
    }

    private async Task SendRecoveryAsync(ApplicantIdentity identity, IReadOnlyList<OutboxMessage> messages)
    {
        if (!await outbox.EnqueueThrottledAsync(DocumentHash.Of(identity, privacy.Value.DocumentHashKey), messages, notifications.Value.RecoveryMessagesPerHour))
        {
            metrics.Rejected("recovery-throttled");
        }
    }

    /// <summary>
    /// Whether <paramref name="appointment"/> belongs to this grain's document number: the hash of its number is this
    /// grain's key, compared in constant time (a belt to the braces of the grain key: no answer may depend on how
    /// much of a number matched).
    /// </summary>
    private bool OwnedHere(Appointment appointment) =>
        ApplicantRules.SameDocumentNumber(keys.Of(appointment.Applicant.Identity.DocumentNumber), DocumentKey);

    private static bool SameIdentity(Claim claim, ApplicantIdentity identity) =>
        claim.Identity.DocumentType == identity.DocumentType && claim.Identity.Country == identity.Country;

    private ClaimChange Change(ClaimChangeKind kind, Claim claim, DayKey day, DayKey? movingFrom = null) =>
        new(kind, claim.Code, claim.Procedure, claim.Identity.DocumentType, claim.Identity.Country, DocumentKey, day, movingFrom);

    private Claim? FindClaim(string code) => claims.Values.FirstOrDefault(c => c.Code == code);

    private IDayInventoryGrain Day(DayKey day) => GrainFactory.GetGrain<IDayInventoryGrain>(day.ToString());
}
