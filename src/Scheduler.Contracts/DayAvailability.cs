namespace Scheduler.Contracts;

/// <summary>What a day inventory publishes about itself: every slot's capacity and free seats.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.DayAvailability")]
public sealed record DayAvailability(DateOnly Date, IReadOnlyList<SlotAvailability> Slots)
{
    public int Capacity => Slots.Sum(s => s.Capacity);

    public int Free => Slots.Sum(s => s.Free);
}
