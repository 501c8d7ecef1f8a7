namespace Scheduler.Api.Models;

/// <summary>One office with its weekly hours and counters per procedure.</summary>
public sealed record OfficeDetailResponse(
    string Id, string Name, string Kind, string Department, string City, double Latitude, double Longitude, string TimeZone,
    IReadOnlyDictionary<string, HoursResponse> WeeklyHours, IReadOnlyDictionary<string, int> Counters, IReadOnlyList<string> Holidays);

/// <summary>Opening hours of one weekday.</summary>
public sealed record HoursResponse(string Open, string Close);
