namespace Scheduler.Contracts;

/// <summary>
/// A procedure's allocation: its mode, how often batches run in <see cref="AllocationMode.Batch"/> mode (null: only
/// when an operator releases), its regional reserve (null: none) and its programme's legal deadline (null: none).
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.AllocationSettings")]
public sealed record AllocationSettings(AllocationMode Mode, int? CadenceMinutes, ReservePolicy? Reserve, DateTimeOffset? Deadline)
{
    public static AllocationSettings Default { get; } = new(AllocationMode.FirstCome, null, null, null);

    /// <summary>Whether something filed at <paramref name="at"/> counts as filed in time (with no deadline, everything does).</summary>
    public bool InTime(DateTimeOffset at) => Deadline is not { } deadline || at <= deadline;
}
