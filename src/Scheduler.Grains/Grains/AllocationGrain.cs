using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Scheduler.Contracts;
using Scheduler.Domain;
using Scheduler.Grains.Hosting;
using Scheduler.Grains.Notifications;
using Scheduler.Grains.State;
using Scheduler.Storage;

namespace Scheduler.Grains.Grains;

/// <summary>
/// One procedure's allocation (key: procedure id). Holds the settings (grain state <c>allocation</c>), the open
/// requests in memory (rows of the waitlist table in the partition <see cref="RequestPartition.Key"/>, read once on
/// activation through the table's partial index, so memory and a batch's cost follow the open requests only, not the
/// finished ones) and runs batches.
/// <para>
/// A batch, exactly once: (1) the seed is drawn and the inputs gathered (open requests, free seats in their reach);
/// the order and the plan (<see cref="Lottery"/>) are computed and recorded in one row of <c>scheduler_operations</c>
/// before any seat is given; (2) the grain state names it as the batch under way; (3) each planned seat is taken
/// through the request's applicant grain with the request's own key (<see cref="IApplicantGrain.BookForRequest"/>:
/// a repeat finds the seat taken before), then the request's row is finished; the row of the batch is saved after
/// every wave; (4) the batch is marked finished. A crash at any step leaves either no record (nothing was given) or a
/// record whose plan a later call (operator, cadence reminder, the next activation's first batch) carries out again:
/// a seat taken is found again, never taken twice, and a request finished is skipped. Not reentrant, so two batches
/// never run at once; filing and reading interleave (they only add rows and read).
/// </para>
/// </summary>
[GrainType("allocation")]
public sealed class AllocationGrain(
    [PersistentState("allocation", StorageNames.Scheduler)] IPersistentState<AllocationState> state,
    WaitlistStore store,
    OperationLog operations,
    ApplicantKeys applicants,
    IFaultInjection faults,
    NotificationOutbox outbox,
    TimeProvider clock,
    IOptions<BookingWindowOptions> window,
    ILogger<AllocationGrain> logger) : Grain, IAllocationGrain, IRemindable
{
    /// <summary>The reminder that runs batches at the configured cadence.</summary>
    public const string CadenceReminder = "allocation-batch";

    /// <summary>The kind of a batch's row in the operations table.</summary>
    public const string BatchKind = "batch";

    /// <summary>The kind of an operator's allocation change in the operations table.</summary>
    public const string ChangeKind = "allocation";

    /// <summary>Crash points: the batch recorded; a seat taken before its request row is finished; a wave saved; before the batch is marked finished.</summary>
    public const string AfterRecord = "batch:after-record";
    public const string AfterSeat = "batch:after-seat";
    public const string AfterWave = "batch:after-wave";
    public const string BeforeFinish = "batch:before-finish";

    // A document is assigned at most once per procedure; the margin covers notices repeated after crashes.
    private const int AssignmentNoticesPerHour = 6;

    // Planned seats taken at once: the applicants and days are different grains, so a wave runs in parallel.
    private const int Wave = 32;

    private readonly SortedList<long, WaitlistEntry> open = [];
    private readonly Dictionary<string, long> sequences = new(StringComparer.Ordinal);
    private IReadOnlyList<OfficeSummary> offices = [];

    private string Procedure => this.GetPrimaryKeyString();

    private string Partition => RequestPartition.Key(Procedure);

    private AllocationSettings Settings => state.State.Settings;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        offices = (await GrainFactory.GetGrain<ICatalogGrain>(0).GetOffices()).Where(o => o.Procedures.Contains(Procedure)).ToArray();
        foreach (var entry in await store.ReadWaitingAsync(Partition, cancellationToken))
        {
            Add(entry);
        }
    }

    Task<AllocationSettings> IAllocationGrain.GetSettings() => Task.FromResult(Settings);

    async Task<RequestView?> IAllocationGrain.File(WaitlistEntry request)
    {
        if (Settings.Mode != AllocationMode.Batch)
        {
            return null;
        }

        if (sequences.TryGetValue(request.Id, out var known))
        {
            return View(open[known]);
        }

        var filed = request with { Sequence = 0, Status = WaitlistStatus.Waiting, FiledInTime = Settings.InTime(request.JoinedAt) };
        var sequence = await store.AddAsync(Partition, filed, applicants.Of(filed.Applicant.Identity.DocumentNumber));
        if (sequence < 0)
        {
            // Filed before (a retried call): answer what is stored, which may have finished since.
            return await store.FindAsync(request.Id) is { Entry.Status: not WaitlistStatus.Waiting } stored
                ? new RequestView(stored.Entry, null, null)
                : View(Add(filed with { Sequence = -sequence }));
        }

        return View(Add(filed with { Sequence = sequence }));
    }

    async Task<RequestView?> IAllocationGrain.GetRequest(string id)
    {
        if (sequences.TryGetValue(id, out var sequence))
        {
            return View(open[sequence]);
        }

        return await store.FindAsync(id) is { } stored && stored.Partition == Partition
            ? stored.Entry.Status == WaitlistStatus.Waiting && sequences.TryGetValue(id, out var now) ? View(open[now]) : new RequestView(stored.Entry, null, null)
            : null;
    }

    async Task<bool> IAllocationGrain.Withdraw(string id)
    {
        if (!sequences.TryGetValue(id, out var sequence))
        {
            return false;
        }

        await FinishAsync(open[sequence] with { Status = WaitlistStatus.Left, Note = "withdrawn by the applicant" });
        return true;
    }

    async Task<BatchSummary> IAllocationGrain.RunBatch(string actor)
    {
        try
        {
            // A batch a crash interrupted is finished first, and answered: it is the batch this release decides.
            return await ResumeAsync() ?? await RunNewBatchAsync(actor);
        }
        catch
        {
            // Memory may be ahead of what is stored: the next call starts from the stored record.
            DeactivateOnIdle();
            throw;
        }
    }

    Task<IReadOnlyList<BatchSummary>> IAllocationGrain.ListBatches(int limit) =>
        Task.FromResult<IReadOnlyList<BatchSummary>>(state.State.Recent.Take(Math.Clamp(limit, 1, AllocationState.RecentKept)).ToArray());

    async Task<BatchRecord?> IAllocationGrain.GetBatch(string batchId) =>
        batchId.StartsWith(BatchPrefix, StringComparison.Ordinal) && await operations.ReadAsync<BatchRecord>(batchId, BatchKind) is { Payload: { } record }
            ? record
            : null;

    Task<int> IAllocationGrain.OpenRequests() => Task.FromResult(open.Count);

    Task<int> IAllocationGrain.UnservedInTime(DateOnly from, DateOnly to) =>
        Task.FromResult(open.Values.Count(e => Settings.InTime(e.JoinedAt) && e.From <= to && from <= e.To));

    async Task<AllocationChangeOutcome> IAllocationGrain.Change(string operationId, AllocationChange change)
    {
        var row = await operations.ReadAsync<AllocationOperation>(operationId, ChangeKind);
        if (row is null)
        {
            var fresh = new OperationRow<AllocationOperation>(
                operationId, ChangeKind, change.Action, Procedure, change.Actor, change.Reason, Describe(change), OperationStatus.InProgress, clock.GetUtcNow(), 1,
                new AllocationOperation { Procedure = Procedure, Change = change });
            row = await operations.TryStartAsync(fresh) ? fresh : await operations.ReadAsync<AllocationOperation>(operationId, ChangeKind);
        }

        if (row?.Payload is not { } record || record.Procedure != Procedure || !record.Change.SameChange(change))
        {
            return new AllocationChangeOutcome(AllocationChangeResult.IdReused, Settings, 0, 0, 0);
        }

        if (record.Outcome is { } done)
        {
            return done;
        }

        var outcome = await CarryOutAsync(change);
        record.Outcome = outcome;
        await operations.SaveAsync(row with
        {
            Status = outcome.Result == AllocationChangeResult.Applied ? OperationStatus.Completed : OperationStatus.Refused,
            Detail = outcome.CarriedOver > 0 || outcome.AssignedByFinalBatch > 0
                ? $"{row.Detail}; {outcome.AssignedByFinalBatch} assigned by a final batch, {outcome.CarriedOver} carried over"
                : row.Detail,
            Payload = record,
        });
        return outcome;
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != CadenceReminder)
        {
            return;
        }

        if (Settings is not { Mode: AllocationMode.Batch, CadenceMinutes: > 0 })
        {
            // The mode or cadence changed and the reminder outlived it (its removal failed): it has nothing to do.
            if (await this.GetReminder(CadenceReminder) is { } stale)
            {
                await this.UnregisterReminder(stale);
            }

            return;
        }

        try
        {
            await ((IAllocationGrain)this).RunBatch("scheduler:cadence");
        }
        catch (Exception failure)
        {
            // The batch's record is stored: the next tick (or an operator release) finishes it.
            logger.LogWarning(failure, "The cadence batch of {Procedure} failed part-way; it is finished on the next tick", Procedure);
        }
    }

    private const string BatchPrefix = "batch:";

    private string BatchId(long number) => string.Create(CultureInfo.InvariantCulture, $"{BatchPrefix}{Procedure}:{number:D6}");

    private async Task<BatchSummary?> ResumeAsync()
    {
        if (state.State.CurrentBatch is not { } current)
        {
            return null;
        }

        if (await operations.ReadAsync<BatchRecord>(current, BatchKind) is not { Payload: { } } row)
        {
            // Named but never recorded: nothing of it was given.
            state.State.CurrentBatch = null;
            await state.WriteStateAsync();
            return null;
        }

        logger.LogInformation("Finishing batch {Batch} of {Procedure}, interrupted part-way", current, Procedure);
        return await ExecuteAsync(row);
    }

    private async Task<BatchSummary> RunNewBatchAsync(string actor)
    {
        var now = clock.GetUtcNow();
        await ExpireAsync(now);
        var id = BatchId(state.State.NextBatch);
        var candidates = open.Values.Select(Candidate).ToArray();
        var seats = await OfferedSeatsAsync(candidates, now);
        var seed = Random.Shared.NextInt64();
        var order = Lottery.Order(seed, candidates);
        var plan = Lottery.Plan(order, candidates, seats, offices, Settings.Reserve);
        var record = new BatchRecord(
            id, Procedure, seed, now, actor, Settings.Reserve, candidates, order, seats, plan, new Dictionary<string, string>(StringComparer.Ordinal), Finished: false);
        var row = new OperationRow<BatchRecord>(
            id, BatchKind, "batch-decided", Procedure, actor, null, $"{candidates.Length} requests, {record.SeatCount} seats offered, {plan.Count} planned",
            OperationStatus.InProgress, now, 1, record);
        if (!await operations.TryStartAsync(row))
        {
            // Recorded by an activation that died before it could say so in the grain state: that record is the batch.
            row = await operations.ReadAsync<BatchRecord>(id, BatchKind) ?? throw new InvalidOperationException($"Batch {id} is recorded but cannot be read.");
        }

        state.State.CurrentBatch = id;
        state.State.NextBatch++;
        await state.WriteStateAsync();
        await faults.At(AfterRecord, id);
        return await ExecuteAsync(row);
    }

    /// <summary>Carries out a recorded batch's plan (again, after a crash: what was done is found done), then marks it finished.</summary>
    private async Task<BatchSummary> ExecuteAsync(OperationRow<BatchRecord> row)
    {
        var record = row.Payload!;
        var assigned = new Dictionary<string, string>(record.Assigned, StringComparer.Ordinal);
        var byId = record.Requests.ToDictionary(r => r.RequestId, StringComparer.Ordinal);
        foreach (var wave in record.Plan.Where(p => !assigned.ContainsKey(p.RequestId)).Chunk(Wave))
        {
            var codes = await Task.WhenAll(wave.Select(p => AssignAsync(record, byId[p.RequestId], p)));
            foreach (var (seat, code) in wave.Zip(codes))
            {
                if (code is not null)
                {
                    assigned[seat.RequestId] = code;
                }
            }

            row = await operations.SaveAsync(row with { Payload = record with { Assigned = new Dictionary<string, string>(assigned, StringComparer.Ordinal) } });
            await faults.At(AfterWave, record.Id);
        }

        await faults.At(BeforeFinish, record.Id);
        var finished = record with { Assigned = assigned, Finished = true };
        await operations.SaveAsync(row with
        {
            Status = OperationStatus.Completed,
            Detail = $"{record.Requests.Count} requests, {record.SeatCount} seats offered, {assigned.Count} assigned",
            Payload = finished,
        });
        var summary = Summary(finished);
        state.State.CurrentBatch = null;
        state.State.Recent.RemoveAll(b => b.Id == summary.Id);
        state.State.Recent.Insert(0, summary);
        if (state.State.Recent.Count > AllocationState.RecentKept)
        {
            state.State.Recent.RemoveRange(AllocationState.RecentKept, state.State.Recent.Count - AllocationState.RecentKept);
        }

        if (Settings is { Mode: AllocationMode.Batch, CadenceMinutes: { } minutes })
        {
            state.State.NextBatchAt = clock.GetUtcNow().AddMinutes(minutes);
        }

        await state.WriteStateAsync();
        return summary;
    }

    /// <summary>Takes one planned seat for its request and finishes the request's row; answers the code, or null when the request got nothing.</summary>
    private async Task<string?> AssignAsync(BatchRecord batch, BatchCandidate candidate, PlannedSeat seat)
    {
        if (!sequences.TryGetValue(seat.RequestId, out var sequence))
        {
            // Not open any more: withdrawn, or assigned by this batch before a crash (its row says so).
            return await store.FindAsync(seat.RequestId) is { Entry: { Status: WaitlistStatus.Booked, Code: { } done } } ? done : null;
        }

        var request = open[sequence];
        var policy = new SeatPolicy(
            batch.Reserve?.Share ?? 0, batch.Reserve?.FallbackLeadHours ?? 0, candidate.InReserveGroup, request.JoinedAt, Settings.InTime(request.JoinedAt));
        var command = new BookingCommand(request.Applicant, Procedure, seat.OfficeId, seat.Date, seat.Start, policy);
        BookingOutcome outcome;
        try
        {
            outcome = await applicants.Grain(GrainFactory, request.Applicant.Identity.DocumentNumber).BookForRequest(command, request.Id);
        }
        catch (Exception failure)
        {
            // The request's arrival number, never its applicant. It stays open; its seat (if the answer was lost) is
            // found again by the next batch, through the request's key.
            logger.LogWarning(failure, "Batch {Batch}: taking the seat of request {Sequence} failed; it stays open", batch.Id, sequence);
            return null;
        }

        await faults.At(AfterSeat, batch.Id);
        switch (outcome)
        {
            case { Result: BookingResult.Booked, Appointment: { } a }:
                // Before the request is marked: a crash in between repeats the notice rather than losing it.
                await NotifyAsync(a, request);
                await FinishAsync(request with
                {
                    Status = WaitlistStatus.Booked,
                    Code = a.Code,
                    OfficeId = a.OfficeId,
                    Date = a.Date,
                    Start = a.Start,
                    FiledInTime = Settings.InTime(request.JoinedAt),
                    Note = $"assigned by {batch.Id}",
                });
                return a.Code;
            case { Result: BookingResult.AlreadyBooked }:
                await FinishAsync(request with { Status = WaitlistStatus.Left, Note = "the applicant holds an appointment for the procedure" });
                return null;
            default:
                // The planned seat went meanwhile (an operator cut capacity): the request waits for the next batch.
                return null;
        }
    }

    /// <summary>
    /// Tells the applicant of the assignment through the outbox (at most a few notices an hour per document, so that a
    /// batch repeated after crashes cannot flood an inbox). A notice that cannot be stored is logged and not retried:
    /// the seat is the applicant's either way, and the request shows it.
    /// </summary>
    private async Task NotifyAsync(Appointment appointment, WaitlistEntry request)
    {
        var messages = AssignmentMessages.For(appointment, request.Id);
        if (messages.Count == 0)
        {
            return;
        }

        try
        {
            await outbox.EnqueueThrottledAsync("assigned:" + applicants.Of(request.Applicant.Identity.DocumentNumber), messages, AssignmentNoticesPerHour);
        }
        catch (Exception failure)
        {
            logger.LogWarning(failure, "The notice of request {Sequence}'s assignment could not be stored", request.Sequence);
        }
    }

    /// <summary>The free seats in reach of at least one request, from the offices' boards (memory), as the batch records them.</summary>
    private async Task<IReadOnlyList<OfferedDay>> OfferedSeatsAsync(IReadOnlyList<BatchCandidate> candidates, DateTimeOffset now)
    {
        if (candidates.Count == 0)
        {
            return [];
        }

        var lead = Settings.Reserve?.FallbackLeadHours ?? 0;
        var days = new List<OfferedDay>();
        foreach (var office in offices)
        {
            var home = candidates.Where(c => Lottery.InReach(c, office, new GeoPoint(c.HomeLatitude, c.HomeLongitude))).ToArray();
            if (home.Length == 0)
            {
                continue;
            }

            var at = BookingClock.At(now, TimeZoneInfo.FindSystemTimeZoneById(office.TimeZone), window.Value.HorizonDays);
            var from = home.Min(c => c.From) is var first && first > at.Today ? first : at.Today;
            var to = home.Max(c => c.To) is var last && last < at.Today.AddDays(at.HorizonDays) ? last : at.Today.AddDays(at.HorizonDays);
            if (to < from)
            {
                continue;
            }

            foreach (var day in await GrainFactory.GetGrain<IOfficeGrain>(office.Id).GetAvailability(Procedure, from, to))
            {
                // A slot that has begun is no longer offered (the day would refuse it).
                var slots = day.Slots.Select(s => at.NotBefore(day.Date) is { } notBefore && s.Start <= notBefore ? s with { Free = 0 } : s).ToArray();
                if (slots.Any(s => s.Free > 0))
                {
                    days.Add(new OfferedDay(office.Id, day.Date, slots, day.ReserveHeld, ReserveRule.FallenBackThrough(at, lead)));
                }
            }
        }

        return days;
    }

    private BatchCandidate Candidate(WaitlistEntry request) => new(
        request.Id, request.HomeLatitude, request.HomeLongitude, request.RadiusKm, request.Offices, request.From, request.To,
        ReserveRule.InGroup(Settings.Reserve, new GeoPoint(request.HomeLatitude, request.HomeLongitude), offices.ToArray(), Procedure));

    /// <summary>Open requests whose window has passed expire (dates are local to the procedure's offices).</summary>
    private async Task ExpireAsync(DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(offices.FirstOrDefault()?.TimeZone ?? "America/Lima");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        foreach (var request in open.Values.Where(e => e.To < today).ToArray())
        {
            await FinishAsync(request with { Status = WaitlistStatus.Expired, FiledInTime = Settings.InTime(request.JoinedAt), Note = "the date window passed without a seat" });
        }
    }

    private async Task<AllocationChangeOutcome> CarryOutAsync(AllocationChange change)
    {
        var settings = Settings;
        switch (change.Action)
        {
            case AllocationActions.Mode when change.Mode is { } mode:
                if (mode != settings.Mode)
                {
                    var openNow = mode == AllocationMode.Batch ? (await WaitingEntriesAsync()).Count : open.Count;
                    if (openNow > 0 && !change.Force)
                    {
                        return new AllocationChangeOutcome(AllocationChangeResult.OpenRequests, settings, openNow, 0, 0);
                    }
                }

                // The mode changes first, so that nothing new arrives in the old mode while the open ones move.
                await SaveSettingsAsync(settings with { Mode = mode, CadenceMinutes = change.CadenceMinutes });
                if (!change.Force)
                {
                    return Applied(0, 0);
                }

                // Forced: carry over whatever is open in the other mode. A retry of a forced change that failed part-way
                // finds the mode already changed and carries over what is still left.
                return mode == AllocationMode.Batch
                    ? Applied(await CarryIntoRequestsAsync(await WaitingEntriesAsync()), 0)
                    : await CarryIntoWaitlistAsync();
            case AllocationActions.Reserves:
                await SaveSettingsAsync(settings with { Reserve = change.Reserve });
                return Applied(0, 0);
            case AllocationActions.Programme:
                await SaveSettingsAsync(settings with { Deadline = change.Deadline });
                return Applied(0, 0);
            default:
                throw new ArgumentException($"Unknown allocation change '{change.Action}'.", nameof(change));
        }
    }

    private AllocationChangeOutcome Applied(int carriedOver, int assigned) =>
        new(AllocationChangeResult.Applied, Settings, open.Count, carriedOver, assigned);

    /// <summary>
    /// Batch to first-come: a final batch gives the seats free now to the open requests by lottery (they asked before
    /// anyone can race for them), then each request still open becomes a waitlist entry (same reach, window and filing
    /// time; id <c>W-</c> + the request's), served in filing order as seats appear. Its row says where it went.
    /// </summary>
    private async Task<AllocationChangeOutcome> CarryIntoWaitlistAsync()
    {
        var final = open.Count > 0 ? await ((IAllocationGrain)this).RunBatch("scheduler:mode-change") : null;
        var carried = 0;
        foreach (var request in open.Values.ToArray())
        {
            var entry = request with { Id = "W-" + request.Id[2..], Sequence = 0, Status = WaitlistStatus.Waiting };
            var applicant = applicants.Grain(GrainFactory, request.Applicant.Identity.DocumentNumber);
            var joined = await applicant.JoinWaitlist(entry);
            if (joined.Result == WaitlistJoinResult.AlreadyBooked)
            {
                await FinishAsync(request with { Status = WaitlistStatus.Left, Note = "the applicant holds an appointment for the procedure" });
                continue;
            }

            // Joined now, or by an earlier try of this change (AlreadyWaiting): the waitlist keeps one row per id.
            await GrainFactory.GetGrain<IWaitlistGrain>(Procedure).Join(entry);
            await FinishAsync(request with { Status = WaitlistStatus.CarriedOver, Note = $"carried over to the waitlist as {entry.Id}" });
            carried++;
        }

        return Applied(carried, final?.Assigned ?? 0);
    }

    /// <summary>First-come to batch: each waiting waitlist entry becomes an open request (a new <c>R-</c> id, filed when it joined).</summary>
    private async Task<int> CarryIntoRequestsAsync(IReadOnlyList<WaitlistEntry> waiting)
    {
        var carried = 0;
        foreach (var entry in waiting)
        {
            // A fresh id (the entry may itself have come from a request, whose id is taken); a retry of this change
            // finds the request it filed through the applicant's idempotency key.
            var request = entry with { Id = "R-" + ConfirmationCode.New(), Sequence = 0, Status = WaitlistStatus.Waiting };
            var filed = await applicants.Grain(GrainFactory, entry.Applicant.Identity.DocumentNumber).FileRequest(request, "carried:" + entry.Id);
            if (filed.Result is RequestFileResult.Filed)
            {
                carried++;
            }

            await GrainFactory.GetGrain<IWaitlistGrain>(Procedure).Leave(entry.Id, filed.Result is RequestFileResult.Filed
                ? $"carried over to allocation request {request.Id}"
                : "the applicant holds an appointment or a request for the procedure");
        }

        return carried;
    }

    private async Task<IReadOnlyList<WaitlistEntry>> WaitingEntriesAsync() => await store.WaitingInProcedureAsync(Procedure);

    private async Task SaveSettingsAsync(AllocationSettings settings)
    {
        var cadence = settings is { Mode: AllocationMode.Batch, CadenceMinutes: { } minutes } ? TimeSpan.FromMinutes(minutes) : (TimeSpan?)null;
        state.State.Settings = settings;
        state.State.NextBatchAt = cadence is { } every ? clock.GetUtcNow() + every : null;
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            DeactivateOnIdle();
            throw;
        }

        if (cadence is { } period)
        {
            await this.RegisterOrUpdateReminder(CadenceReminder, period, period);
        }
        else if (await this.GetReminder(CadenceReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task FinishAsync(WaitlistEntry finished)
    {
        await store.FinishAsync(finished);
        open.Remove(finished.Sequence);
        sequences.Remove(finished.Id);
    }

    private WaitlistEntry Add(WaitlistEntry entry)
    {
        open[entry.Sequence] = entry;
        sequences[entry.Id] = entry.Sequence;
        return entry;
    }

    /// <summary>An open request: the batch it waits for is the next one, decided at the cadence's next tick (or at an operator's release).</summary>
    private RequestView View(WaitlistEntry entry) =>
        new(entry with { FiledInTime = Settings.InTime(entry.JoinedAt) }, BatchId(state.State.NextBatch), state.State.NextBatchAt);

    private static BatchSummary Summary(BatchRecord record) =>
        new(record.Id, record.Seed, record.DecidedAt, record.Requests.Count, record.SeatCount, record.Assigned.Count, record.Finished);

    private static string Describe(AllocationChange change) => change.Action switch
    {
        AllocationActions.Mode => $"mode {change.Mode}" + (change.CadenceMinutes is { } m ? $", every {m} min" : string.Empty) + (change.Force ? ", forced" : string.Empty),
        AllocationActions.Reserves => change.Reserve is { } r
            ? string.Create(CultureInfo.InvariantCulture, $"reserve {r.Share:0.###} (far > {r.FarFromCapitalKm} km; departments {string.Join(",", r.Departments)}), falls back {r.FallbackLeadHours} h before")
            : "no reserve",
        AllocationActions.Programme => change.Deadline is { } d ? $"deadline {d:O}" : "no deadline",
        _ => change.Action,
    };
}
