namespace Scheduler.LoadTests.Contract;

/// <summary><c>GET /api/v1/offices</c> item.</summary>
public sealed record OfficeView(
    string Id,
    string Name,
    string? Kind,
    string? Department,
    string? City,
    double Latitude,
    double Longitude,
    string? TimeZone,
    double? DistanceKm);
