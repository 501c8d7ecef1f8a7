namespace Scheduler.Contracts;

/// <summary>The static facts about an office that searches need: where it is and what it serves.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.OfficeSummary")]
public sealed record OfficeSummary(
    string Id,
    string Name,
    string Kind,
    string Department,
    string City,
    double Latitude,
    double Longitude,
    string TimeZone,
    IReadOnlyList<string> Procedures);
