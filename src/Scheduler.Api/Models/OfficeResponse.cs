namespace Scheduler.Api.Models;

/// <summary>An office in a list; <see cref="DistanceKm"/> is set when the search gave a point.</summary>
public sealed record OfficeResponse(
    string Id, string Name, string Kind, string Department, string City, double Latitude, double Longitude, string TimeZone,
    IReadOnlyList<string> Procedures, double? DistanceKm);
