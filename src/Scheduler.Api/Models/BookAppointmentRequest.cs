using System.ComponentModel.DataAnnotations;

namespace Scheduler.Api.Models;

/// <summary>Book a procedure at an office on a date; without <paramref name="Start"/>, the earliest free slot that day.</summary>
/// <param name="Procedure">Procedure id, e.g. cpp-biometrics.</param>
/// <param name="OfficeId">Office id, e.g. lim-brena.</param>
/// <param name="Date">Local date, YYYY-MM-DD.</param>
/// <param name="Start">Optional slot start, HH:mm local time, on the office's slot grid.</param>
/// <param name="Applicant">Who is booking.</param>
/// <param name="Near">Optional home location, LAT,LON: only an applicant whose home puts them in a regional reserve's group may take a held-back reserve seat (none given: not in the group).</param>
public sealed record BookAppointmentRequest(
    [property: Required] string? Procedure, [property: Required] string? OfficeId, [property: Required] string? Date, string? Start, [property: Required] ApplicantRequest? Applicant,
    string? Near = null);
