namespace Scheduler.LoadTests.Contract;

/// <summary>An appointment as the API returns it.</summary>
public sealed record AppointmentView(
    string Code,
    string Status,
    string Procedure,
    string OfficeId,
    string Date,
    string Start,
    string? End,
    ApplicantDetails? Applicant,
    bool? FiledInTime = null);
