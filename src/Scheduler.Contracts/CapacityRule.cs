namespace Scheduler.Contracts;

/// <summary>
/// An operator's override of the capacity plan: for <paramref name="Procedure"/> between
/// <paramref name="From"/> and <paramref name="To"/> (inclusive), on the given weekdays (all when empty),
/// serve with <paramref name="Counters"/> counters and, when given, these hours. Later rules win.
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.CapacityRule")]
public sealed record CapacityRule(
    string Procedure,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<DayOfWeek> Weekdays,
    OpeningHours? Hours,
    int Counters)
{
    /// <summary>Whether this rule applies to <paramref name="date"/>.</summary>
    public bool AppliesTo(string procedure, DateOnly date) =>
        procedure == Procedure && date >= From && date <= To &&
        (Weekdays.Count == 0 || Weekdays.Contains(date.DayOfWeek));
}
