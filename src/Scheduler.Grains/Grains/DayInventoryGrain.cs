using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Serialization;
using Orleans.Storage;
using Scheduler.Contracts;
using Scheduler.Domain;
using Scheduler.Grains.Hosting;
using Scheduler.Grains.State;
using Scheduler.Grains.Telemetry;
using Scheduler.Storage;

namespace Scheduler.Grains.Grains;

/// <summary>
/// The seats of one office x procedure x date. All seat rules live in <see cref="SeatLedger"/>; this grain
/// orders requests and persists their outcome. A decision is made in memory at once and appended as one row to
/// the <see cref="SeatJournal"/>, whose silo-wide pipeline commits the rows of every grain in shared
/// transactions; the caller is answered when its row has committed. Reentrant, so decisions keep being made
/// while rows are in flight. The day's state is never rewritten per booking: a snapshot is written in the
/// background once enough rows have gathered (<see cref="SnapshotDue"/>), at a moment when no row is in flight.
/// </summary>
[Reentrant]
// Kept in memory so that availability never waits for a database read.
[CollectionAgeLimit(Days = 1)]
[GrainType("day-inventory")]
public sealed class DayInventoryGrain(
    [PersistentState("dayInventory", StorageNames.Scheduler)] IPersistentState<DayInventoryState> state,
    SeatJournal journal,
    WaitlistLeaver waitlists,
    CompactionGate compactions,
    TimeProvider clock,
    SchedulerMetrics metrics,
    IOptions<BookingWindowOptions> options,
    Serializer serializer,
    ILogger<DayInventoryGrain> logger) : Grain, IDayInventoryGrain
{
    private static readonly TimeSpan PublishDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ErasureWaitStep = TimeSpan.FromMilliseconds(20);
    private const int ErasureWaitSteps = 250;
    private readonly Dictionary<string, Task> committing = new(StringComparer.Ordinal);
    private DayKey key;
    private TimeZoneInfo zone = TimeZoneInfo.Utc;
    private SeatLedger ledger = null!;
    private IGrainTimer publishTimer = null!;
    private long lastSequence;
    private int inFlight;
    private bool compacting;
    private bool publishScheduled;
    private DateTimeOffset lastPublished;
    private bool stale;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        key = DayKey.Parse(this.GetPrimaryKeyString());
        var office = GrainFactory.GetGrain<IOfficeGrain>(key.OfficeId);
        var plan = await office.GetDayPlan(key.Procedure, key.Date);
        if (await office.GetProfile() is { } profile)
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(profile.TimeZone);
        }

        var snapshot = state.State.Unpack(serializer);
        var appointments = snapshot.ToDictionary(a => a.Code, StringComparer.Ordinal);
        var (records, last) = await journal.ReadAsync(key, state.State.JournalSequence, cancellationToken);
        foreach (var appointment in records)
        {
            appointments[appointment.Code] = appointment;
        }

        lastSequence = last;

        ledger = new SeatLedger(plan, appointments.Values);
        publishTimer = this.RegisterGrainTimer(PublishNowAsync, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { Interleave = true });
        Publish();

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        metrics.DayActivated(elapsed);
        logger.LogDebug(
            "Day {Day} activated with {Records} records ({Snapshot} from the snapshot through row {Through}, {Rows} journal rows after it) in {Milliseconds:0.0} ms",
            key, appointments.Count, snapshot.Count, state.State.JournalSequence, records.Count, elapsed);

        // The ledger holds the appointments now; the stored form is not kept in memory (a full day's is megabytes).
        state.State = new DayInventoryState { JournalSequence = state.State.JournalSequence };
    }

    async Task<SeatDecision> IDayInventoryGrain.Take(SeatRequest request)
    {
        ThrowIfStale();
        var now = clock.GetUtcNow();
        var (result, appointment, change, refusal) = ledger.Take(request, BookingClock.At(now, zone, options.Value.HorizonDays), now);
        if (change is not null)
        {
            var commit = CommitAsync(appointment!, change, request.Claim);
            committing[request.Code] = commit;
            bool stored;
            try
            {
                stored = await commit;
            }
            finally
            {
                committing.Remove(request.Code);
            }

            if (!stored)
            {
                return new SeatDecision(SeatResult.AlreadyClaimed, null);
            }
        }
        else if (result == SeatResult.Booked && committing.TryGetValue(appointment!.Code, out var pending))
        {
            // Asked again while the first request's row is still in flight: same answer, same moment.
            await pending;
        }

        return new SeatDecision(result, appointment, refusal);
    }

    async Task<Appointment?> IDayInventoryGrain.Resolve(string code)
    {
        if (committing.TryGetValue(code, out var pending))
        {
            try
            {
                await pending;
            }
            catch (Exception failure)
            {
                logger.LogDebug(failure, "Pending row of {Code} at {Day} failed while resolving it", code, key);
            }
        }

        ThrowIfStale();
        var appointment = ledger.Find(code);
        if (appointment is null)
        {
            ledger.Void(code);
        }

        return appointment;
    }

    async Task<bool> IDayInventoryGrain.Release(string code, HistoryEntry entry, bool movedAway, ClaimChange? claim)
    {
        ThrowIfStale();
        var (released, change) = ledger.Release(code, entry, movedAway);
        if (change is not null)
        {
            await CommitAsync(ledger.Find(code)!, change, claim);

            // A seat is free: the waitlist hears of it from the release itself, not from a change in the office's
            // board (a booking and a release published together leave the board's count unchanged).
            GrainFactory.GetGrain<IWaitlistGrain>(key.Procedure).CapacityAvailable(key.OfficeId, key.Date).Ignore();
        }

        return released;
    }

    Task<DayAvailability> IDayInventoryGrain.GetAvailability() => Task.FromResult(ledger.Availability());

    Task<DayRoster> IDayInventoryGrain.GetRoster() =>
        Task.FromResult(new DayRoster(
            key.Procedure, key.Date, ledger.Availability().Slots,
            ledger.Appointments.Where(a => a.Status != AppointmentStatus.Moved).OrderBy(a => a.Start).ToArray()));

    Task<IReadOnlyList<Appointment>> IDayInventoryGrain.PreviewPlan(DayPlan plan) => Task.FromResult(ledger.Displaced(plan));

    Task<IReadOnlyList<Appointment>> IDayInventoryGrain.ApplyPlan(DayPlan plan)
    {
        var displaced = ledger.ApplyPlan(plan);
        Publish();
        return Task.FromResult(displaced);
    }

    /// <summary>
    /// Appends <paramref name="record"/> (with <paramref name="claim"/>) at the day's next sequence number and waits
    /// for its transaction. False: the journal refused the claim (the applicant holds another appointment for the
    /// procedure) and the decision is rolled back. On failure the decision is rolled back and the day stops
    /// deciding until it is rebuilt from the database: a failed transaction may still have committed, and a
    /// refused place means another activation writes here.
    /// </summary>
    private async Task<bool> CommitAsync(Appointment record, LedgerChange change, ClaimChange? claim)
    {
        var sequence = ++lastSequence;
        inFlight++;
        bool stored;
        try
        {
            stored = await journal.AppendAsync(key, sequence, record, claim);
        }
        catch (Exception failure)
        {
            change.Rollback();
            stale = true;
            DeactivateOnIdle();
            logger.LogWarning(failure, "Day {Day} could not commit row {Sequence}; it will be rebuilt from the journal", key, sequence);
            if (failure is RowRejectedException)
            {
                throw new InconsistentStateException($"Day {key} lost a write race at row {sequence}; retry.");
            }

            throw;
        }
        finally
        {
            inFlight--;
        }

        if (stored)
        {
            change.Commit();
            SchedulePublish();
            if (claim is not null && ClaimedSeat.OpenedByHand(claim))
            {
                // Booked by hand: a waitlist entry of this person for the procedure is left (off this path, in batches).
                waitlists.BookedByHand(claim.DocumentKey, claim.Procedure);
            }
        }
        else
        {
            change.Rollback();
        }

        if (inFlight == 0 && !compacting && SnapshotDue)
        {
            _ = CompactAsync();
        }

        return stored;
    }

    /// <summary>Whether enough rows have gathered for a new snapshot (<see cref="SnapshotCadence"/>: its cost per row stays flat).</summary>
    private bool SnapshotDue => SnapshotCadence.Due(lastSequence - state.State.JournalSequence, ledger.Appointments.Count, options.Value.SnapshotEveryRows);

    /// <summary>
    /// Folds the journal into a new snapshot. Starts only when no row is in flight, so the snapshot holds exactly
    /// the committed decisions, through <see cref="lastSequence"/>; later rows carry on after it. The appointments are
    /// copied on the day's turn (references to immutable records); then the day waits for the silo's snapshot turn
    /// (<see cref="CompactionGate"/>: one snapshot at a time per silo) and serialises them on a thread of the pool,
    /// booking all the while (a full day's 18,000 serialised on the day's turn held every booking of the day).
    /// </summary>
    private async Task<bool> CompactAsync()
    {
        compacting = true;
        var through = lastSequence;
        var stored = state.State;
        var written = false;
        List<Appointment> appointments = [.. ledger.Appointments];
        try
        {
            using var turn = await compactions.EnterAsync();
            var packed = await Task.Run(() => serializer.SerializeToArray(appointments));
            state.State = new DayInventoryState { Packed = packed, JournalSequence = through };
            await state.WriteStateAsync();
            state.State = new DayInventoryState { JournalSequence = through };
            written = true;
            metrics.StorageWrite("day-inventory-snapshot");
            await journal.TrimAsync(key, through);
            return true;
        }
        catch (InconsistentStateException conflict)
        {
            logger.LogWarning(conflict, "Day {Day} lost a snapshot race; deactivating", key);
            stale = true;
            DeactivateOnIdle();
        }
        catch (Exception failure)
        {
            // The rows stay in the journal. If the snapshot was not written, the stored one is still the one before:
            // the next commit counts its rows from there and tries again. (A failed trim only leaves rows behind.)
            logger.LogWarning(failure, "Day {Day} could not write its snapshot through row {Sequence}", key, through);
            if (!written)
            {
                state.State = stored;
            }
        }
        finally
        {
            compacting = false;
        }

        return false;
    }

    async Task<DayErasure> IDayInventoryGrain.ErasePersonalData(DateTimeOffset finishedBefore)
    {
        ThrowIfStale();
        // The snapshot must hold exactly the committed decisions: wait for a moment with no row in flight (a day
        // that is old enough to erase is rarely written; a busy one is asked again on the next run).
        for (var waited = 0; inFlight > 0 || compacting; waited++)
        {
            if (waited == ErasureWaitSteps)
            {
                return new DayErasure(0, Deferred: true);
            }

            await Task.Delay(ErasureWaitStep, clock);
        }

        var dayEnded = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(key.Date.AddDays(1).ToDateTime(TimeOnly.MinValue), zone));
        var wholeDay = dayEnded <= finishedBefore;
        var erased = ledger.Erase(
            a => wholeDay || (a.Status == AppointmentStatus.Cancelled && a.History.Count > 0 && a.History[^1].At < finishedBefore),
            new HistoryEntry(clock.GetUtcNow(), "personal-data-erased", "scheduler", null));
        if (erased == 0)
        {
            // Nothing new to erase; rows an earlier erasure's snapshot covers but could not delete go now.
            await journal.TrimAsync(key, state.State.JournalSequence);
            return new DayErasure(0, Deferred: false);
        }

        if (await CompactAsync())
        {
            return new DayErasure(erased, Deferred: false);
        }

        // Memory is erased but storage is not: rebuild from storage, so the next run finds the records again.
        stale = true;
        DeactivateOnIdle();
        return new DayErasure(0, Deferred: true);
    }

    private void ThrowIfStale()
    {
        if (stale)
        {
            throw new InconsistentStateException($"Day {key} is being rebuilt from the journal; retry.");
        }
    }

    /// <summary>
    /// Tells the office at once when it has not been told for <see cref="PublishDelay"/>, else once that much
    /// later: however many seats change meanwhile, the office hears at most one message per interval.
    /// </summary>
    private void SchedulePublish()
    {
        if (publishScheduled)
        {
            return;
        }

        var since = clock.GetUtcNow() - lastPublished;
        if (since >= PublishDelay)
        {
            Publish();
            return;
        }

        publishScheduled = true;
        publishTimer.Change(PublishDelay - since, Timeout.InfiniteTimeSpan);
    }

    private Task PublishNowAsync(CancellationToken cancellationToken)
    {
        publishScheduled = false;
        Publish();
        return Task.CompletedTask;
    }

    private void Publish()
    {
        lastPublished = clock.GetUtcNow();
        GrainFactory.Reference<IOfficeGrain>(key.OfficeId).Publish(key.Procedure, ledger.Availability()).Ignore();
    }
}
