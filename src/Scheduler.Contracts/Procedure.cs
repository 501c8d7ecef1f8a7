namespace Scheduler.Contracts;

/// <summary>A kind of appointment, such as CPP biometric capture.</summary>
/// <param name="Id">Stable identifier, e.g. <c>cpp-biometrics</c>.</param>
/// <param name="Name">Human-readable name.</param>
/// <param name="SlotMinutes">Length of one appointment slot in minutes.</param>
/// <param name="BookingDeadline">Last local date on which the programme accepts bookings, if any.</param>
[GenerateSerializer, Immutable, Alias("scheduler.Procedure")]
public sealed record Procedure(string Id, string Name, int SlotMinutes, DateOnly? BookingDeadline);
