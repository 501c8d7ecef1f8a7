using System.Text.Json;

namespace Scheduler.LoadTests.Geography;

/// <summary>The offices applicants live around, read from <c>data/peru-offices.json</c> shipped with the tool.</summary>
public sealed class OfficeCatalog
{
    private readonly Dictionary<string, OfficeSite> _byId;

    public OfficeCatalog(IReadOnlyList<OfficeSite> offices)
    {
        Offices = offices;
        _byId = offices.ToDictionary(o => o.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<OfficeSite> Offices { get; }

    public static string ShippedPath => Path.Combine(AppContext.BaseDirectory, "data", "peru-offices.json");

    public OfficeSite? Find(string id) => _byId.GetValueOrDefault(id);

    public static OfficeCatalog LoadShipped() => Parse(File.ReadAllText(ShippedPath));

    public static OfficeCatalog Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var offices = new List<OfficeSite>();
        foreach (var o in document.RootElement.GetProperty("offices").EnumerateArray())
        {
            offices.Add(new OfficeSite(
                o.GetProperty("id").GetString()!,
                o.GetProperty("name").GetString()!,
                o.GetProperty("kind").GetString()!,
                o.GetProperty("department").GetString()!,
                o.GetProperty("city").GetString()!,
                new GeoPoint(o.GetProperty("lat").GetDouble(), o.GetProperty("lon").GetDouble()),
                o.TryGetProperty("counters", out var c) ? c.GetInt32() : 1,
                o.TryGetProperty("demandShare", out var d) ? d.GetDouble() : 0));
        }

        return new OfficeCatalog(offices);
    }
}
