using System.Globalization;

namespace Scheduler.LoadTests.Metrics;

/// <summary>
/// What a server-side Prometheus histogram recorded between two scrapes, over all its label sets and
/// instances: how many observations, their sum, and for the quantiles the upper bound of the bucket that
/// holds each (only as fine as the buckets, and never finer than they say: interpolating inside a wide
/// first bucket would put a median above the mean; +Inf when it lies beyond the last finite bound).
/// </summary>
public sealed record HistogramDelta(string Name, double Count, double Sum, double P50, double P90, double P99)
{
    /// <summary>Mean observation (sum over count); 0 when nothing was observed.</summary>
    public double Mean => Count > 0 ? Sum / Count : 0;

    /// <summary>
    /// The change of histogram <paramref name="name"/> (its <c>_count</c>, <c>_sum</c> and <c>_bucket</c> series)
    /// from <paramref name="before"/> to <paramref name="after"/>; null when the target does not export it.
    /// A series missing before the run counts from 0.
    /// </summary>
    public static HistogramDelta? Between(IReadOnlyList<PrometheusSample> before, IReadOnlyList<PrometheusSample> after, string name)
    {
        var countName = name + "_count";
        if (!after.Any(s => s.Name == countName))
        {
            return null;
        }

        var beforeByKey = before.Where(s => s.Name.StartsWith(name, StringComparison.Ordinal))
            .GroupBy(s => s.SeriesKey)
            .ToDictionary(g => g.Key, g => g.Last().Value);
        double Delta(PrometheusSample s) => s.Value - beforeByKey.GetValueOrDefault(s.SeriesKey);
        double Total(string seriesName) => after.Where(s => s.Name == seriesName).GroupBy(s => s.SeriesKey).Sum(g => Delta(g.Last()));

        var buckets = after
            .Where(s => s.Name == name + "_bucket" && s.Label("le") is not null)
            .GroupBy(s => s.SeriesKey)
            .Select(g => g.Last())
            .GroupBy(s => Bound(s.Label("le")!))
            .Select(g => (UpperBound: g.Key, Cumulative: g.Sum(Delta)))
            .OrderBy(b => b.UpperBound)
            .ToList();
        return new HistogramDelta(
            name,
            Total(countName),
            Total(name + "_sum"),
            UpperBound(buckets, 0.50),
            UpperBound(buckets, 0.90),
            UpperBound(buckets, 0.99));
    }

    /// <summary>The upper bound of the first bucket holding the <paramref name="q"/> quantile; 0 without observations.</summary>
    public static double UpperBound(IReadOnlyList<(double UpperBound, double Cumulative)> buckets, double q)
    {
        if (buckets.Count == 0 || buckets[^1].Cumulative <= 0)
        {
            return 0;
        }

        var rank = q * buckets[^1].Cumulative;
        return buckets.First(b => b.Cumulative >= rank).UpperBound;
    }

    private static double Bound(string le) =>
        le is "+Inf" or "Inf" ? double.PositiveInfinity : double.Parse(le, NumberStyles.Float, CultureInfo.InvariantCulture);
}
