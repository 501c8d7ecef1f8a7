using System.ComponentModel.DataAnnotations;

namespace Scheduler.Api.Models;

/// <summary>Close an office for a day (an emergency, a strike).</summary>
/// <param name="Date">Local date to close, YYYY-MM-DD.</param>
/// <param name="Reason">Why (required): recorded in the audit trail and in each moved appointment's history.</param>
/// <param name="Relocate">Move every appointment (default true); false refuses if the day has any.</param>
/// <param name="RadiusKm">How far a moved appointment may go (default 50 km).</param>
/// <param name="SearchDays">How many days later a moved appointment may go (default 7).</param>
public sealed record ClosureRequest([property: Required] string? Date, [property: Required] string? Reason, bool? Relocate, double? RadiusKm, int? SearchDays);
