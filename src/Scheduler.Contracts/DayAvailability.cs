namespace Scheduler.Contracts;

/// <summary>What a day inventory publishes about itself: every slot's capacity and free seats, and how many seats reserve-group members hold.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.DayAvailability")]
public sealed record DayAvailability(DateOnly Date, IReadOnlyList<SlotAvailability> Slots, int ReserveHeld = 0)
{
    public int Capacity => Slots.Sum(s => s.Capacity);

    public int Free => Slots.Sum(s => s.Free);
}
