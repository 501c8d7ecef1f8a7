using Scheduler.Contracts;

namespace Scheduler.Grains.State;

/// <summary>What an office stores: its profile and capacity plan.</summary>
[GenerateSerializer, Alias("scheduler.OfficeState")]
public sealed class OfficeState
{
    [Id(0)]
    public OfficeProfile? Profile { get; set; }
}
