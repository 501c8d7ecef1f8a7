namespace Scheduler.LoadTests.Contract;

/// <summary><c>POST /api/v1/appointments/{code}/reschedule</c> body.</summary>
public sealed record RescheduleRequest(string OfficeId, string Date, string? Start);
