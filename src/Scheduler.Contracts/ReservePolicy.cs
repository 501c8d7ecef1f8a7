namespace Scheduler.Contracts;

/// <summary>
/// A regional reserve: <paramref name="Share"/> of each day's seats is held for applicants whose home is farther than
/// <paramref name="FarFromCapitalKm"/> from every office of the capital, or whose nearest office is in one of
/// <paramref name="Departments"/>. A held seat nobody in the group claimed falls back to everyone
/// <paramref name="FallbackLeadHours"/> before its slot starts.
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.ReservePolicy")]
public sealed record ReservePolicy(double Share, double? FarFromCapitalKm, IReadOnlyList<string> Departments, double FallbackLeadHours);
