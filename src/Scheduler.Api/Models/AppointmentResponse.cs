namespace Scheduler.Api.Models;

/// <summary>An appointment as its owner sees it.</summary>
public sealed record AppointmentResponse(
    string Code, string Status, string Procedure, string OfficeId, string Date, string Start, string End,
    ApplicantResponse Applicant, IReadOnlyList<HistoryResponse> History);

/// <summary>The applicant on an appointment.</summary>
public sealed record ApplicantResponse(string DocumentType, string DocumentNumber, string Country, string FullName, string? Email, string? Phone);

/// <summary>One event in an appointment's history.</summary>
public sealed record HistoryResponse(DateTimeOffset At, string Action, string By, string? Detail);
