namespace Scheduler.LoadTests.Contract;

/// <summary>The applicant part of a booking request and of an appointment.</summary>
public sealed record ApplicantDetails(
    string DocumentType,
    string DocumentNumber,
    string Country,
    string FullName,
    string? Email = null,
    string? Phone = null);
