namespace Scheduler.Contracts;

/// <summary>The answer of a day inventory to a <see cref="SeatRequest"/>.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.SeatDecision")]
public sealed record SeatDecision(SeatResult Result, Appointment? Appointment, SlotRefusal Refusal = SlotRefusal.None);
