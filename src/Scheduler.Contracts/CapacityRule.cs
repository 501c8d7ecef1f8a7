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
    /// <summary>The operator operation that added this rule (null for rules of earlier releases and of seeding).</summary>
    [Id(10)]
    public string? OperationId { get; init; }

    /// <summary>Whether <paramref name="other"/> sets the same plan (its operation aside).</summary>
    public bool SameRule(CapacityRule other) =>
        (Procedure, From, To, Hours, Counters) == (other.Procedure, other.From, other.To, other.Hours, other.Counters) && Weekdays.SequenceEqual(other.Weekdays);

    /// <summary>Whether this rule applies to <paramref name="date"/>.</summary>
    public bool AppliesTo(string procedure, DateOnly date) =>
        procedure == Procedure && date >= From && date <= To &&
        (Weekdays.Count == 0 || Weekdays.Contains(date.DayOfWeek));
}
