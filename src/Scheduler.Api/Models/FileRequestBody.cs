using System.ComponentModel.DataAnnotations;

namespace Scheduler.Api.Models;

/// <summary>Ask for a seat of a procedure allocated in batches: within reach of home (or at listed offices), within a date window.</summary>
/// <param name="Procedure">Procedure id.</param>
/// <param name="Applicant">Who asks.</param>
/// <param name="Near">Home location, LAT,LON in decimal degrees (also decides whether the regional reserve applies).</param>
/// <param name="RadiusKm">How far the applicant can travel (default 50 km); ignored when offices are listed.</param>
/// <param name="Offices">Optional: the only offices the applicant accepts.</param>
/// <param name="From">First acceptable local date, YYYY-MM-DD (default today).</param>
/// <param name="To">Last acceptable local date, YYYY-MM-DD (default the end of the booking window).</param>
public sealed record FileRequestBody(
    [property: Required] string? Procedure, [property: Required] ApplicantRequest? Applicant, [property: Required] string? Near, double? RadiusKm,
    string[]? Offices, string? From, string? To);
