namespace Scheduler.Contracts;

/// <summary>
/// An operator's change of counters (and optionally hours) for a procedure over a date range, or a closure
/// (counters 0). With <paramref name="Relocate"/>, appointments that lose their seat are moved to the nearest
/// free seat within <paramref name="RadiusKm"/> on that day or the next <paramref name="SearchDays"/> days;
/// without it, a change that would displace anyone is refused and changes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.CapacityChange")]
public sealed record CapacityChange(
    IReadOnlyList<CapacityRule> Rules, string By, string? Reason, bool Relocate, double RadiusKm = 50, int SearchDays = 7)
{
    /// <summary>
    /// The operation this change belongs to. The office tags the rules it stores with it, so a retry of the same
    /// operation finishes the change (every day adopts its plan) instead of adding the rules again.
    /// </summary>
    [Id(10)]
    public string? OperationId { get; init; }

    /// <summary>Whether <paramref name="other"/> asks for the same change (who asked and why aside).</summary>
    public bool SameChange(CapacityChange other) =>
        Rules.Count == other.Rules.Count && Rules.Zip(other.Rules).All(p => p.First.SameRule(p.Second)) &&
        (Relocate, RadiusKm, SearchDays) == (other.Relocate, other.RadiusKm, other.SearchDays);
}
