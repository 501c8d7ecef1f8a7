namespace Scheduler.Contracts;

/// <summary>A slot's seats: capacity and how many are still free.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.SlotAvailability")]
public sealed record SlotAvailability(TimeOnly Start, TimeOnly End, int Capacity, int Free);
