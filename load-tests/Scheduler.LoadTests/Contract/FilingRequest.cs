namespace Scheduler.LoadTests.Contract;

/// <summary>
/// <c>POST /api/v1/requests</c> body: a request for a seat of a batch-allocated procedure, within
/// <see cref="RadiusKm"/> of <see cref="Near"/> (<c>LAT,LON</c>) or at one of <see cref="Offices"/>, from
/// <see cref="From"/> to <see cref="To"/> (dates).
/// </summary>
public sealed record FilingRequest(
    string Procedure, ApplicantDetails Applicant, string? Near, double? RadiusKm, string[]? Offices, string From, string To);
