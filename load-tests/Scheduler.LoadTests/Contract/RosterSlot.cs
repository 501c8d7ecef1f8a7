namespace Scheduler.LoadTests.Contract;

/// <summary>A slot in an operator's day roster.</summary>
public sealed record RosterSlot(string Start, string? End, int Capacity, int Booked, IReadOnlyList<RosterAppointment>? Appointments);
