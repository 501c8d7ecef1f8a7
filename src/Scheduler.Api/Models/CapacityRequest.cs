using System.ComponentModel.DataAnnotations;

namespace Scheduler.Api.Models;

/// <summary>Set the counters (and optionally the hours) serving a procedure over a date range.</summary>
/// <param name="Procedure">Procedure id.</param>
/// <param name="From">First local date, YYYY-MM-DD.</param>
/// <param name="To">Last local date, YYYY-MM-DD (inclusive).</param>
/// <param name="Weekdays">Optional weekdays the change applies to (e.g. ["monday","saturday"]); all when absent.</param>
/// <param name="Open">Optional opening time, HH:mm.</param>
/// <param name="Close">Optional closing time, HH:mm.</param>
/// <param name="Counters">Counters serving the procedure (0 closes it), at most 500.</param>
/// <param name="Reason">Why, for the audit trail and the moved appointments' history.</param>
/// <param name="Relocate">Move appointments that lose their seat (default true); false refuses such a change.</param>
/// <param name="RadiusKm">How far from the office a moved appointment may go (default 50 km).</param>
/// <param name="SearchDays">How many days after the original date a moved appointment may go (default 7).</param>
public sealed record CapacityRequest(
    [property: Required] string? Procedure, [property: Required] string? From, [property: Required] string? To, string[]? Weekdays, string? Open, string? Close, [property: Required] int? Counters, string? Reason,
    bool? Relocate, double? RadiusKm, int? SearchDays);
