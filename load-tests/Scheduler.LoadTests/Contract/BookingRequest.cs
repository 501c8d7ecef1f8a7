namespace Scheduler.LoadTests.Contract;

/// <summary><c>POST /api/v1/appointments</c> body.</summary>
public sealed record BookingRequest(string Procedure, string OfficeId, string Date, string? Start, ApplicantDetails Applicant);
