namespace Scheduler.Contracts;

/// <summary>
/// An operator's change of counters (and optionally hours) for a procedure over a date range, or a closure
/// (counters 0). With <paramref name="Relocate"/>, appointments that lose their seat are moved to the nearest
/// free seat within <paramref name="RadiusKm"/> on that day or the next <paramref name="SearchDays"/> days;
/// without it, a change that would displace anyone is refused and changes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.CapacityChange")]
public sealed record CapacityChange(
    IReadOnlyList<CapacityRule> Rules, string By, string? Reason, bool Relocate, double RadiusKm = 50, int SearchDays = 7);
