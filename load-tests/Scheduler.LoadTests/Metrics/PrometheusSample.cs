namespace Scheduler.LoadTests.Metrics;

/// <summary>One line of the Prometheus text format: a series and its value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>Name and labels in a stable order; identifies the series across two scrapes.</summary>
    public string SeriesKey => Labels.Count == 0
        ? Name
        : $"{Name}{{{string.Join(",", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\""))}}}";

    public string? Label(string name) => Labels.GetValueOrDefault(name);
}
