namespace Scheduler.FaultTests.Infrastructure;

/// <summary>The fields of an appointment response these tests check.</summary>
public sealed record AppointmentView(string Code, string Status, string Procedure, string OfficeId, string Date, string Start);
