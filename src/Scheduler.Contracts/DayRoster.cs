namespace Scheduler.Contracts;

/// <summary>A day inventory's slots with the appointments that hold their seats (cancelled ones included, for the record).</summary>
[GenerateSerializer, Immutable, Alias("scheduler.DayRoster")]
public sealed record DayRoster(string Procedure, DateOnly Date, IReadOnlyList<SlotAvailability> Slots, IReadOnlyList<Appointment> Appointments);
