using System.Collections.Concurrent;

namespace Scheduler.LoadTests.Measurement;

/// <summary>When each office/date first answered slot-full: a proxy for when it sold out.</summary>
public sealed class SelloutTracker
{
    private readonly ConcurrentDictionary<(string OfficeId, string Date), double> _first = new();

    public void Record(string officeId, string date, double atSeconds) => _first.TryAdd((officeId, date), atSeconds);

    public IReadOnlyList<(string OfficeId, string Date, double AtSeconds)> All =>
        _first.Select(kv => (kv.Key.OfficeId, kv.Key.Date, kv.Value)).OrderBy(x => x.Value).ToList();
}
