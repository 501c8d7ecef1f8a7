namespace Scheduler.Api.Models;

/// <summary>An appointment as its owner sees it; <c>filedAt</c>: when the applicant asked (booking or request), <c>filedInTime</c>: before the programme's deadline.</summary>
public sealed record AppointmentResponse(
    string Code, string Status, string Procedure, string OfficeId, string Date, string Start, string End,
    ApplicantResponse Applicant, IReadOnlyList<HistoryResponse> History, DateTimeOffset? FiledAt = null, bool FiledInTime = false);

/// <summary>The applicant on an appointment.</summary>
public sealed record ApplicantResponse(string DocumentType, string DocumentNumber, string Country, string FullName, string? Email, string? Phone);

/// <summary>One event in an appointment's history.</summary>
public sealed record HistoryResponse(DateTimeOffset At, string Action, string By, string? Detail);
