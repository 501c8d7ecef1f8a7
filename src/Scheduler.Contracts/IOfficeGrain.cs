using Orleans.Concurrency;

namespace Scheduler.Contracts;

/// <summary>An office (key: office id): profile, hours and capacity plan; the in-memory availability board of its days.</summary>
[Alias("scheduler.IOfficeGrain")]
public interface IOfficeGrain : IGrainWithStringKey
{
    [Alias("GetProfile"), AlwaysInterleave]
    Task<OfficeProfile?> GetProfile();

    /// <summary>Stores the profile if the office has none yet (seeding is idempotent).</summary>
    [Alias("Seed")]
    Task Seed(OfficeProfile profile);

    [Alias("GetDayPlan"), AlwaysInterleave]
    Task<DayPlan> GetDayPlan(string procedure, DateOnly date);

    /// <summary>Days in [from, to] with at least one free seat.</summary>
    [Alias("GetAvailability"), AlwaysInterleave]
    Task<IReadOnlyList<DayAvailability>> GetAvailability(string procedure, DateOnly from, DateOnly to);

    /// <summary>Up to <paramref name="limit"/> free slots from <paramref name="from"/> on, earliest first.</summary>
    [Alias("FindFreeSlots"), AlwaysInterleave]
    Task<IReadOnlyList<FreeSlot>> FindFreeSlots(string procedure, DateOnly from, int limit);

    /// <summary>A day inventory reports its current availability.</summary>
    [Alias("Publish"), OneWay]
    Task Publish(string procedure, DayAvailability availability);

    /// <summary>Applies a change (<see cref="ApplyCapacityChange"/>) and relocates whom it displaces, or reports them.</summary>
    [Alias("ChangeCapacity")]
    Task<CapacityChangeResult> ChangeCapacity(CapacityChange change);

    /// <summary>
    /// Stores a change's rules and has every affected day adopt its plan; answers the days changed and, in
    /// <see cref="CapacityChangeResult.Displaced"/>, whom the new plans displace (they keep their seats: relocating
    /// them is the caller's). With <see cref="CapacityChange.Relocate"/> false a change that would displace anyone is
    /// refused. A change whose <see cref="CapacityChange.OperationId"/> is already stored is not stored again: every
    /// day it touches adopts its plan again, which finishes a change that failed half-way.
    /// </summary>
    [Alias("ApplyCapacityChange")]
    Task<CapacityChangeResult> ApplyCapacityChange(CapacityChange change);

    /// <summary>Adds a transfer's counter adjustment (unconfirmed). A cut that would displace anyone, or take more counters than a day has, is refused.</summary>
    [Alias("Adjust")]
    Task<AdjustmentResult> Adjust(CounterAdjustment adjustment);

    /// <summary>Confirms (commit) or removes (abort) transfer <paramref name="transferId"/>'s adjustment; repeating it is harmless.</summary>
    [Alias("SettleAdjustment")]
    Task SettleAdjustment(string transferId, bool confirm);

    [Alias("GetUtilization"), AlwaysInterleave]
    Task<OfficeUtilization> GetUtilization(string procedure, DateOnly from, DateOnly to);
}
