namespace Scheduler.Api.Models;

/// <summary>Set a procedure's regional reserve (a share of 0 removes it).</summary>
/// <param name="Share">
/// Share of each day's seats held for the group, 0 to 1: a floor under the group's seats (every seat a member holds that
/// day counts toward it). A fraction of a seat is held on some days and not on others, so each office holds the share
/// over consecutive days.
/// </param>
/// <param name="FarFromCapitalKm">Applicants whose home is farther than this from every office in Lima belong to the group.</param>
/// <param name="Departments">Applicants whose nearest office is in one of these departments belong to the group.</param>
/// <param name="FallbackLeadHours">Hours before a slot at which its unclaimed reserve seats go to everyone (0 to 720).</param>
/// <param name="Reason">Why (recorded in the audit trail).</param>
public sealed record ReservesBody(double? Share, double? FarFromCapitalKm, string[]? Departments, double? FallbackLeadHours, string? Reason);
