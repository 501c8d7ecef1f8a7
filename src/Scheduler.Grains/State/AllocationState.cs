using Scheduler.Contracts;

namespace Scheduler.Grains.State;

/// <summary>
/// What a procedure's allocation grain stores: its settings, the number of its next batch, the batch under way (so a
/// crash part-way is finished from its record), the most recent batches (a bounded list) and when the next is due.
/// Requests are not here: they are rows of the waitlist table.
/// </summary>
[GenerateSerializer, Alias("scheduler.AllocationState")]
public sealed class AllocationState
{
    /// <summary>How many recent batches are listed; older ones stay in the operations table.</summary>
    public const int RecentKept = 100;

    [Id(0)]
    public AllocationSettings Settings { get; set; } = AllocationSettings.Default;

    [Id(1)]
    public long NextBatch { get; set; } = 1;

    [Id(2)]
    public string? CurrentBatch { get; set; }

    [Id(3)]
    public List<BatchSummary> Recent { get; set; } = [];

    [Id(4)]
    public DateTimeOffset? NextBatchAt { get; set; }
}
