using Scheduler.Contracts;

namespace Scheduler.Grains.State;

/// <summary>What a day inventory stores: every appointment that holds (or held) one of its seats.</summary>
[GenerateSerializer, Alias("scheduler.DayInventoryState")]
public sealed class DayInventoryState
{
    [Id(0)]
    public List<Appointment> Appointments { get; set; } = [];
}
