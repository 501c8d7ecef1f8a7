using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Storage;
using Scheduler.Contracts;
using Scheduler.Grains.Domain;
using Scheduler.Grains.Persistence;
using Scheduler.Grains.State;
using Scheduler.Grains.Telemetry;

namespace Scheduler.Grains.Grains;

/// <summary>
/// The seats of one office x procedure x date. Reentrant so that requests keep being decided while a
/// write is in flight; <see cref="GroupCommit"/> carries them in the next single write and answers each
/// caller only once its decision is durable. All seat rules live in <see cref="SeatLedger"/>.
/// </summary>
[Reentrant]
// Kept in memory so that availability never waits for a database read.
[CollectionAgeLimit(Days = 1)]
[GrainType("day-inventory")]
public sealed class DayInventoryGrain(
    [PersistentState("dayInventory", StorageNames.Scheduler)] IPersistentState<DayInventoryState> state,
    TimeProvider clock,
    SchedulerMetrics metrics,
    IOptions<BookingWindowOptions> options,
    ILogger<DayInventoryGrain> logger) : Grain, IDayInventoryGrain
{
    private readonly Dictionary<string, Task> committing = new(StringComparer.Ordinal);
    private DayKey key;
    private TimeZoneInfo zone = TimeZoneInfo.Utc;
    private SeatLedger ledger = null!;
    private GroupCommit commits = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        key = DayKey.Parse(this.GetPrimaryKeyString());
        var office = GrainFactory.GetGrain<IOfficeGrain>(key.OfficeId);
        var plan = await office.GetDayPlan(key.Procedure, key.Date);
        if (await office.GetProfile() is { } profile)
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(profile.TimeZone);
        }

        ledger = new SeatLedger(plan, state.State.Appointments);
        commits = new GroupCommit(WriteAsync, Committed, options.Value.GroupCommit ? int.MaxValue : 1);
        Publish();
    }

    async Task<SeatDecision> IDayInventoryGrain.Take(SeatRequest request)
    {
        var now = clock.GetUtcNow();
        var (result, appointment, change) = ledger.Take(request, NotBefore(now), now);
        if (change is not null)
        {
            var commit = commits.Enqueue(change);
            committing[request.Code] = commit;
            try
            {
                await commit;
            }
            finally
            {
                committing.Remove(request.Code);
            }
        }
        else if (result == SeatResult.Booked && committing.TryGetValue(appointment!.Code, out var pending))
        {
            // Asked again while the first request's write is still in flight: same answer, same moment.
            await pending;
        }

        return new SeatDecision(result, appointment);
    }

    Task<bool> IDayInventoryGrain.HasFreeSeat(TimeOnly? start) =>
        Task.FromResult(ledger.HasFreeSeat(start, NotBefore(clock.GetUtcNow())));

    Task<bool> IDayInventoryGrain.RefusesUnseen(TimeOnly? start, ApplicantIdentity identity) =>
        Task.FromResult(ledger.CanRefuseUnseen(start, NotBefore(clock.GetUtcNow()), identity));

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
                logger.LogDebug(failure, "Pending write of {Code} at {Day} failed while resolving it", code, key);
            }
        }

        var appointment = ledger.Find(code);
        if (appointment is null)
        {
            ledger.Void(code);
        }

        return appointment;
    }

    async Task<bool> IDayInventoryGrain.Release(string code, HistoryEntry entry, bool movedAway)
    {
        var (released, change) = ledger.Release(code, entry, movedAway);
        if (change is not null)
        {
            await commits.Enqueue(change);
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

    Task IDayInventoryGrain.Warm()
    {
        // Activating published already; an active day publishes again (its office may have lost the last one).
        Publish();
        return Task.CompletedTask;
    }

    private TimeOnly? NotBefore(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        return key.Date < today ? TimeOnly.MaxValue : key.Date == today ? TimeOnly.FromDateTime(local.DateTime) : null;
    }

    private async Task WriteAsync()
    {
        state.State = new DayInventoryState { Appointments = [.. ledger.Appointments] };
        try
        {
            await state.WriteStateAsync();
            metrics.StorageWrite("day-inventory");
        }
        catch (InconsistentStateException conflict)
        {
            // Another activation wrote this day: our memory is stale. Fail this write and start afresh.
            logger.LogWarning(conflict, "Day inventory {Day} lost a write race; deactivating", key);
            DeactivateOnIdle();
            throw;
        }
    }

    private void Committed(int decisions)
    {
        metrics.BatchCommitted(decisions);
        Publish();
    }

    private void Publish() =>
        GrainFactory.GetGrain<IOfficeGrain>(key.OfficeId).Publish(key.Procedure, ledger.Availability()).Ignore();
}
