using System.ComponentModel.DataAnnotations;

namespace Scheduler.Api.Models;

/// <summary>Wait for a seat within reach of home when nothing is free.</summary>
/// <param name="Procedure">Procedure id.</param>
/// <param name="Near">Home location, LAT,LON in decimal degrees.</param>
/// <param name="RadiusKm">How far the applicant can travel (default 50 km).</param>
/// <param name="From">First acceptable local date, YYYY-MM-DD (default today).</param>
/// <param name="To">Last acceptable local date, YYYY-MM-DD (default the end of the booking window).</param>
/// <param name="Applicant">Who waits.</param>
public sealed record WaitlistRequest([property: Required] string? Procedure, [property: Required] string? Near, double? RadiusKm, string? From, string? To, [property: Required] ApplicantRequest? Applicant);
