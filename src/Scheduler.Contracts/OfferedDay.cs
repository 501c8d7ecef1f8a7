namespace Scheduler.Contracts;

/// <summary>
/// A day's free seats as a batch found them (recorded, so the batch can be replayed): its slots, how many of its seats
/// reserve-group members hold, and the local moment up to which slots have fallen back to the general pool.
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.OfferedDay")]
public sealed record OfferedDay(string OfficeId, DateOnly Date, IReadOnlyList<SlotAvailability> Slots, int ReserveHeld, DateTime FallenBackThrough);
