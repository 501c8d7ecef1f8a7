namespace Scheduler.Contracts;

/// <summary>
/// An applicant waiting for <paramref name="Procedure"/> within <paramref name="RadiusKm"/> of home between
/// <paramref name="From"/> and <paramref name="To"/>. Entries are served in arrival order (<paramref name="Sequence"/>).
/// An allocation request has the same shape: <paramref name="JoinedAt"/> is when it was filed, <paramref name="Offices"/>
/// (when given) the only offices it accepts, <paramref name="FiledInTime"/> whether that was before the programme's deadline.
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.WaitlistEntry")]
public sealed record WaitlistEntry(
    string Id,
    long Sequence,
    ApplicantDetails Applicant,
    string Procedure,
    double HomeLatitude,
    double HomeLongitude,
    double RadiusKm,
    DateOnly From,
    DateOnly To,
    DateTimeOffset JoinedAt,
    WaitlistStatus Status,
    string? Code = null,
    string? OfficeId = null,
    DateOnly? Date = null,
    TimeOnly? Start = null,
    string? Note = null,
    IReadOnlyList<string>? Offices = null,
    bool FiledInTime = false);
