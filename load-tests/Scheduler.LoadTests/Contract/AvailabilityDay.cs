namespace Scheduler.LoadTests.Contract;

/// <summary>A day with free seats in an office's availability.</summary>
public sealed record AvailabilityDay(string Date, int Capacity, int Free, IReadOnlyList<SlotView>? Slots);
