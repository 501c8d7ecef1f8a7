using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Scheduler.Contracts;
using Scheduler.Grains.Capacity;
using Scheduler.Grains.Domain;
using Scheduler.Grains.Notifications;
using Scheduler.Grains.State;
using Scheduler.Grains.Telemetry;

namespace Scheduler.Grains.Grains;

/// <summary>
/// Everyone holding one normalised document number. Not reentrant: one request at a time, which is
/// what makes "one active appointment per applicant and procedure" and idempotent retries simple.
/// Order of writes when booking: the claim (with the code) is stored first, then the day inventory is
/// asked for the seat. A crash in between leaves a claim without a seat, which the next request checks
/// against the day inventory and drops; never a seat without a claim.
/// </summary>
// Applicants are touched a few times each; thousands arrive per second in a surge: let them go soon.
[CollectionAgeLimit(Minutes = 2)]
[GrainType("applicant")]
public sealed class ApplicantGrain(
    [PersistentState("applicant", StorageNames.Scheduler)] IPersistentState<ApplicantState> state,
    TimeProvider clock,
    SchedulerMetrics metrics,
    IFaultInjection faults,
    NotificationOutbox outbox,
    IOptions<NotificationOptions> notifications,
    ILogger<ApplicantGrain> logger) : Grain, IApplicantGrain
{
    public const string AfterClaim = "applicant:after-claim";
    public const string AfterSeat = "applicant:after-seat";
    public const string AfterNewSeat = "applicant:after-new-seat";

    private static readonly TimeSpan IdempotencyRetention = TimeSpan.FromDays(2);

    async Task<BookingOutcome> IApplicantGrain.Book(BookingCommand command, string? idempotencyKey)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = await BookAsync(command, idempotencyKey);
        metrics.Booking(outcome.Result.ToString(), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        var claimKey = ClaimKey(command.Applicant.Identity, command.Procedure);
        if (outcome.Result == BookingResult.Booked && state.State.Waiting.Remove(claimKey, out var waitlistId))
        {
            // Booked by hand: leave the waitlist. Not awaited: the waitlist may be calling us right now.
            GrainFactory.GetGrain<IWaitlistGrain>(command.Procedure).Leave(waitlistId, "booked by hand").Ignore();
        }

        return outcome;
    }

    Task<BookingOutcome> IApplicantGrain.BookFromWaitlist(BookingCommand command, string waitlistId) =>
        BookAsync(command, "waitlist:" + waitlistId);

    async Task<WaitlistJoinOutcome> IApplicantGrain.JoinWaitlist(WaitlistEntry entry)
    {
        var claimKey = ClaimKey(entry.Applicant.Identity, entry.Procedure);
        if (state.State.Claims.TryGetValue(claimKey, out var claim) && await ResolveAsync(claim) is { IsActive: true } active)
        {
            return new WaitlistJoinOutcome(WaitlistJoinResult.AlreadyBooked, null, active.Code);
        }

        if (state.State.Waiting.TryGetValue(claimKey, out var waitingId) &&
            await GrainFactory.GetGrain<IWaitlistGrain>(entry.Procedure).Get(waitingId) is { Entry.Status: WaitlistStatus.Waiting } view)
        {
            return new WaitlistJoinOutcome(WaitlistJoinResult.AlreadyWaiting, view, null);
        }

        state.State.Waiting[claimKey] = entry.Id;
        state.State.WaitlistEntries[entry.Id] = entry.Procedure;
        await WriteAsync();
        return new WaitlistJoinOutcome(WaitlistJoinResult.Joined, null, null);
    }

    async Task<WaitlistView?> IApplicantGrain.FindWaitlistEntry(string id) =>
        state.State.WaitlistEntries.TryGetValue(id, out var procedure)
            ? await GrainFactory.GetGrain<IWaitlistGrain>(procedure).Get(id)
            : null;

    Task<bool> IApplicantGrain.LeaveWaitlist(string id)
    {
        if (!state.State.WaitlistEntries.TryGetValue(id, out var procedure))
        {
            return Task.FromResult(false);
        }

        foreach (var key in state.State.Waiting.Where(w => w.Value == id).Select(w => w.Key).ToArray())
        {
            state.State.Waiting.Remove(key);
        }

        GrainFactory.GetGrain<IWaitlistGrain>(procedure).Leave(id, "withdrawn by the applicant").Ignore();
        return Task.FromResult(true);
    }

    async Task<Appointment?> IApplicantGrain.Find(string code)
    {
        var appointment = FindClaim(code) is { } claim
            ? await ResolveAsync(claim)
            : state.State.Closed.TryGetValue(code, out var day) ? await Day(day).Resolve(code) : null;
        return appointment is not null && OwnedHere(appointment) ? appointment : null;
    }

    async Task IApplicantGrain.RecoverAppointments(ApplicantIdentity identity, string? procedure)
    {
        var messages = new List<OutboxMessage>();
        foreach (var claim in state.State.Claims.Values.Where(c => c.Identity == identity && (procedure is null || c.Procedure == procedure)).ToArray())
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
        var messages = new List<OutboxMessage>();
        foreach (var (id, entryProcedure) in state.State.WaitlistEntries.Where(e => procedure is null || e.Value == procedure).ToArray())
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
        if (FindClaim(code) is not { } claim)
        {
            // Cancelling twice is harmless: a known, already cancelled code still answers "done".
            return state.State.Closed.ContainsKey(code);
        }

        if (await ResolveAsync(claim) is not { } appointment || !OwnedHere(appointment))
        {
            return false;
        }

        var entry = new HistoryEntry(clock.GetUtcNow(), "cancelled", "applicant", null);
        await Day(appointment.Day).Release(code, entry, movedAway: false);
        state.State.Claims.Remove(ClaimKey(claim.Identity, claim.Procedure));
        state.State.Closed[code] = appointment.Day;
        await WriteAsync();
        return true;
    }

    private async Task<BookingOutcome> BookAsync(BookingCommand command, string? idempotencyKey)
    {
        var identity = command.Applicant.Identity;
        var claimKey = ClaimKey(identity, command.Procedure);
        var fingerprint = $"{claimKey}|{command.OfficeId}|{command.Date:yyyy-MM-dd}|{command.Start:HH\\:mm}";
        IdempotencyRecord? earlier = null;
        if (idempotencyKey is not null && state.State.Requests.TryGetValue(idempotencyKey, out earlier))
        {
            if (earlier.Fingerprint != fingerprint)
            {
                return BookingOutcome.Of(BookingResult.IdempotencyKeyReused);
            }

            if (earlier.Outcome is { } settled)
            {
                return settled;
            }
        }

        if (state.State.Claims.TryGetValue(claimKey, out var claim))
        {
            if (await ResolveAsync(claim) is { IsActive: true } active)
            {
                return earlier?.Code == active.Code
                    ? new BookingOutcome(BookingResult.Booked, active)
                    : new BookingOutcome(BookingResult.AlreadyBooked, ExistingCode: active.Code);
            }

            state.State.Claims.Remove(claimKey);
        }

        var day = new DayKey(command.OfficeId, command.Procedure, command.Date);
        if (!await Day(day).HasFreeSeat(command.Start))
        {
            return Settle(idempotencyKey, earlier, fingerprint, BookingOutcome.Of(BookingResult.SlotFull));
        }

        var code = ConfirmationCode.New();
        state.State.Claims[claimKey] = new Claim(identity, command.Procedure, code, day, MovingFrom: null);
        if (idempotencyKey is not null)
        {
            state.State.Requests[idempotencyKey] = new IdempotencyRecord(fingerprint, code, clock.GetUtcNow(), null);
        }

        await WriteAsync();
        await CrashPointAsync(AfterClaim);

        // If this call fails, the seat may or may not have been written: the stored claim lets the next
        // request find out (and a code found missing is voided at the day, so it can never land late).
        var decision = await Day(day).Take(new SeatRequest(code, command.Applicant, command.Start, [], "applicant"));
        await CrashPointAsync(AfterSeat);

        if (decision is { Result: SeatResult.Booked, Appointment: { } booked })
        {
            if (booked.Code != code)
            {
                // The day already held a seat for this applicant (a booking whose answer was lost): adopt it as
                // the claim. Its code goes only to the request that made it (same idempotency key); anyone else
                // showing this document number learns only that an appointment exists.
                state.State.Claims[claimKey] = new Claim(identity, command.Procedure, booked.Code, day, MovingFrom: null);
                state.State.Requests.Remove(idempotencyKey ?? string.Empty);
                await WriteAsync();
                return earlier?.Code == booked.Code
                    ? new BookingOutcome(BookingResult.Booked, booked)
                    : new BookingOutcome(BookingResult.AlreadyBooked, ExistingCode: booked.Code);
            }

            return new BookingOutcome(BookingResult.Booked, booked);
        }

        state.State.Claims.Remove(claimKey);
        var outcome = BookingOutcome.Of(decision.Result == SeatResult.SlotFull ? BookingResult.SlotFull : BookingResult.NotOffered);
        return Settle(idempotencyKey, earlier, fingerprint, outcome);
    }

    private async Task<BookingOutcome> RescheduleAsync(RescheduleCommand command, string by, string? reason)
    {
        if (FindClaim(command.Code) is not { } claim || await ResolveAsync(claim) is not { IsActive: true } current || !OwnedHere(current))
        {
            return BookingOutcome.Of(BookingResult.NotFound);
        }

        var claimKey = ClaimKey(claim.Identity, claim.Procedure);
        var target = new DayKey(command.OfficeId, claim.Procedure, command.Date);
        var request = new SeatRequest(current.Code, current.Applicant, command.Start, current.History, by, reason);
        if (target == current.Day)
        {
            var sameDay = await Day(target).Take(request);
            return ToOutcome(sameDay);
        }

        if (!await Day(target).HasFreeSeat(command.Start))
        {
            return BookingOutcome.Of(BookingResult.SlotFull);
        }

        // The new seat is taken before the old one is released; the claim records the move in progress.
        state.State.Claims[claimKey] = claim with { Day = target, MovingFrom = current.Day };
        await WriteAsync();
        var decision = await Day(target).Take(request);
        if (decision.Result != SeatResult.Booked)
        {
            state.State.Claims[claimKey] = claim with { Day = current.Day, MovingFrom = null };
            return ToOutcome(decision);
        }

        await CrashPointAsync(AfterNewSeat);

        await FinishMoveAsync(claimKey, state.State.Claims[claimKey]);
        return ToOutcome(decision);
    }

    /// <summary>The appointment a claim points at, completing a move that a crash interrupted.</summary>
    private async Task<Appointment?> ResolveAsync(Claim claim)
    {
        var claimKey = ClaimKey(claim.Identity, claim.Procedure);
        var appointment = await Day(claim.Day).Resolve(claim.Code);
        if (claim.MovingFrom is { } from)
        {
            if (appointment is { IsActive: true })
            {
                await FinishMoveAsync(claimKey, claim);
            }
            else
            {
                // The move never took its new seat: the appointment is still where it was.
                state.State.Claims[claimKey] = claim with { Day = from, MovingFrom = null };
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
            await Day(from).Release(claim.Code, entry, movedAway: true);
            state.State.Claims[claimKey] = claim with { MovingFrom = null };
        }
        catch (Exception failure)
        {
            // The appointment is safe at its new place; the old seat is released on the next request.
            logger.LogWarning(failure, "Releasing {Code} at {Day} after a move failed; will retry", claim.Code, from);
        }
    }

    /// <summary>
    /// Where tests make this activation die between two writes (it throws and the activation is dropped, so
    /// the next call starts from what was stored). Never throws in production (<see cref="NoFaults"/>).
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
            // Remembered in memory now and stored with the next write: a refusal needs no write of its own.
            state.State.Requests[idempotencyKey] = new IdempotencyRecord(fingerprint, earlier?.Code ?? ConfirmationCode.New(), clock.GetUtcNow(), outcome);
        }

        return outcome;
    }

    private async Task WriteAsync()
    {
        var horizon = clock.GetUtcNow() - IdempotencyRetention;
        foreach (var stale in state.State.Requests.Where(r => r.Value.At < horizon).Select(r => r.Key).ToArray())
        {
            state.State.Requests.Remove(stale);
        }

        try
        {
            await state.WriteStateAsync();
            metrics.StorageWrite("applicant");
        }
        catch (InconsistentStateException)
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private async Task SendRecoveryAsync(ApplicantIdentity identity, IReadOnlyList<OutboxMessage> messages)
    {
        var settings = notifications.Value;
        if (!await outbox.EnqueueThrottledAsync(DocumentHash.Of(identity, settings.HashKey), messages, settings.RecoveryMessagesPerHour))
        {
            metrics.Rejected("recovery-throttled");
        }
    }

    /// <summary>
    /// Whether <paramref name="appointment"/> belongs to this grain's document number, compared in constant
    /// time (a belt to the braces of the grain key: no answer may depend on how much of a number matched).
    /// </summary>
    private bool OwnedHere(Appointment appointment) =>
        ApplicantRules.SameDocumentNumber(appointment.Applicant.Identity.DocumentNumber, this.GetPrimaryKeyString());

    private static BookingOutcome ToOutcome(SeatDecision decision) => decision.Result switch
    {
        SeatResult.Booked => new BookingOutcome(BookingResult.Booked, decision.Appointment),
        SeatResult.SlotFull => BookingOutcome.Of(BookingResult.SlotFull),
        _ => BookingOutcome.Of(BookingResult.NotOffered),
    };

    private Claim? FindClaim(string code) => state.State.Claims.Values.FirstOrDefault(c => c.Code == code);

    private IDayInventoryGrain Day(DayKey day) => GrainFactory.GetGrain<IDayInventoryGrain>(day.ToString());

    private static string ClaimKey(ApplicantIdentity identity, string procedure) =>
        $"{identity.DocumentType}|{identity.Country}|{procedure}";
}
