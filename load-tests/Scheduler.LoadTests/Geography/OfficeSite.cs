namespace Scheduler.LoadTests.Geography;

/// <summary>A service point as the load tool knows it from its own copy of the reference data.</summary>
public sealed record OfficeSite(
    string Id,
    string Name,
    string Kind,
    string Department,
    string City,
    GeoPoint Location,
    int Counters,
    double DemandShare);
