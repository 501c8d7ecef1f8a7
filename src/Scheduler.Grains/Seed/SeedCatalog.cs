using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Scheduler.Contracts;

namespace Scheduler.Grains.Seed;

/// <summary>
/// The demo catalogue: MIGRACIONES service points, hours and procedures from the embedded
/// <c>peru-offices.json</c>. Counters in the file serve biometric capture; card pickup gets half of them and
/// a change of status a third (at least one each), because those desks are shared in practice.
/// Peru's fixed-date public holidays close every office.
/// </summary>
public sealed class SeedCatalog
{
    private static readonly (int Month, int Day)[] PeruHolidays =
        [(1, 1), (5, 1), (6, 7), (6, 29), (7, 23), (7, 28), (7, 29), (8, 6), (8, 30), (10, 8), (11, 1), (12, 8), (12, 9), (12, 25)];

    private SeedCatalog(IReadOnlyList<Procedure> procedures, IReadOnlyList<OfficeProfile> offices, IReadOnlyDictionary<string, double> demandShares)
    {
        Procedures = procedures;
        Offices = offices;
        DemandShares = demandShares;
    }

    public IReadOnlyList<Procedure> Procedures { get; }

    public IReadOnlyList<OfficeProfile> Offices { get; }

    /// <summary>Approximate share of demand per office, in percent (for simulations).</summary>
    public IReadOnlyDictionary<string, double> DemandShares { get; }

    public IReadOnlyList<OfficeSummary> Summaries() =>
        Offices.Select(o => new OfficeSummary(o.Id, o.Name, o.Kind, o.Department, o.City, o.Latitude, o.Longitude, o.TimeZone, [.. o.Procedures])).ToArray();

    public static SeedCatalog LoadPeru(int firstYear)
    {
        using var stream = typeof(SeedCatalog).Assembly.GetManifestResourceStream("Scheduler.Grains.Seed.peru-offices.json")
            ?? throw new InvalidOperationException("The embedded seed data is missing.");
        var file = JsonSerializer.Deserialize<SeedFile>(stream, JsonOptions) ?? throw new InvalidOperationException("The seed data is empty.");

        var procedures = file.Procedures.Select(p => new Procedure(p.Id, p.Name, p.SlotMinutes, null)).ToArray();
        var holidays = Enumerable.Range(firstYear, 3)
            .SelectMany(year => PeruHolidays.Select(h => new DateOnly(year, h.Month, h.Day)))
            .ToHashSet();

        var offices = file.Offices.Select(o =>
        {
            var hours = file.Hours[o.Hours];
            var weekly = new Dictionary<DayOfWeek, OpeningHours>();
            foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
            {
                weekly[day] = Hours(hours.Weekdays);
            }

            weekly[DayOfWeek.Saturday] = Hours(hours.Saturday);
            var counters = new Dictionary<string, int>
            {
                ["cpp-biometrics"] = o.Counters,
                ["cpp-card-pickup"] = Math.Max(1, o.Counters / 2),
                ["residence-change"] = Math.Max(1, o.Counters / 3),
            };
            return new OfficeProfile(o.Id, o.Name, o.Kind, o.Department, o.City, o.Lat, o.Lon, file.TimeZone, weekly, holidays, counters, []);
        }).ToArray();

        return new SeedCatalog(procedures, offices, file.Offices.ToDictionary(o => o.Id, o => o.DemandShare));
    }

    private static OpeningHours Hours(string[] range) =>
        new(TimeOnly.ParseExact(range[0], "HH:mm", CultureInfo.InvariantCulture), TimeOnly.ParseExact(range[1], "HH:mm", CultureInfo.InvariantCulture));

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record SeedFile(
        string TimeZone,
        SeedProcedure[] Procedures,
        Dictionary<string, SeedHours> Hours,
        SeedOffice[] Offices);

    private sealed record SeedProcedure(string Id, string Name, int SlotMinutes);

    private sealed record SeedHours(string[] Weekdays, string[] Saturday);

    private sealed record SeedOffice(
        string Id, string Name, string Kind, string Department, string City, double Lat, double Lon, string Hours, int Counters, double DemandShare);
}
