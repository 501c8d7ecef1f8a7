namespace Scheduler.Contracts;

/// <summary>A migration office: where it is, when it opens and how many counters serve each procedure.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.OfficeProfile")]
public sealed record OfficeProfile(
    string Id,
    string Name,
    string Kind,
    string Department,
    string City,
    double Latitude,
    double Longitude,
    string TimeZone,
    IReadOnlyDictionary<DayOfWeek, OpeningHours> WeeklyHours,
    IReadOnlySet<DateOnly> Holidays,
    IReadOnlyDictionary<string, int> Counters,
    IReadOnlyList<CapacityRule> Rules)
{
    /// <summary>Counter transfers to or from this office (applied after the rules).</summary>
    [Id(100)]
    public IReadOnlyList<CounterAdjustment> Adjustments { get; init; } = [];

    /// <summary>Procedures this office serves.</summary>
    public IEnumerable<string> Procedures => Counters.Keys;
}
