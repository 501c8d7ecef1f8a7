namespace Scheduler.Contracts;

/// <summary>A free slot at an office: where, when and how many seats are left.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.FreeSlot")]
public sealed record FreeSlot(string OfficeId, DateOnly Date, TimeOnly Start, TimeOnly End, int Free);
