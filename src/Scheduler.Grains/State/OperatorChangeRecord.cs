using Scheduler.Contracts;

namespace Scheduler.Grains.State;

/// <summary>
/// What a capacity change or closure keeps in its operation row: the request as first made, the relocations
/// done so far (saved after every wave, so a retry after a failure answers them too), and the final result.
/// </summary>
[GenerateSerializer, Alias("scheduler.OperatorChangeRecord")]
public sealed class OperatorChangeRecord
{
    [Id(0)]
    public OperatorChangeRequest Request { get; set; } = null!;

    [Id(1)]
    public List<Relocation> Relocated { get; set; } = [];

    [Id(2)]
    public CapacityChangeResult? Result { get; set; }
}
