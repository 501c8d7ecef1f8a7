using Scheduler.Contracts;

namespace Scheduler.Grains.State;

/// <summary>What an allocation change keeps in its operation row: the procedure, the change as first asked, and its outcome once done.</summary>
[GenerateSerializer, Alias("scheduler.AllocationOperation")]
public sealed class AllocationOperation
{
    [Id(0)]
    public string Procedure { get; set; } = string.Empty;

    [Id(1)]
    public AllocationChange Change { get; set; } = null!;

    [Id(2)]
    public AllocationChangeOutcome? Outcome { get; set; }
}
