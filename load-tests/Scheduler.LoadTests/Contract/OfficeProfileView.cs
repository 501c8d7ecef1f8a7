namespace Scheduler.LoadTests.Contract;

/// <summary><c>GET /api/v1/offices/{officeId}</c>: the parts the tool uses (opening hours by weekday, holidays).</summary>
public sealed record OfficeProfileView(string Id, Dictionary<string, OpeningHoursView?>? WeeklyHours, IReadOnlyList<string>? Holidays);

/// <summary>One weekday's opening hours ("HH:mm").</summary>
public sealed record OpeningHoursView(string Open, string Close);
