namespace Scheduler.LoadTests.Metrics;

/// <summary>
/// What the target's own <c>/metrics</c> said changed during the run: its <c>scheduler_*</c> series and,
/// from the <c>http_server_request_duration</c> histogram, per-route latency estimates.
/// </summary>
public sealed record ServerMetrics(bool Scraped, string? Note, IReadOnlyList<ServerSeries> Series, IReadOnlyList<ServerRouteLatency> Routes)
{
    public const string SchedulerPrefix = "scheduler_";

    /// <summary>Orleans' grain storage figures: how many writes the bookings cost (group commit shows here).</summary>
    public const string StoragePrefix = "orleans_storage_";
    public const string HttpDurationPrefix = "http_server_request_duration";

    /// <summary>The silo's commit pipeline: journal rows (from any grain) per storage transaction.</summary>
    public const string JournalRowsPerTransaction = "scheduler_journal_rows_per_transaction";

    /// <summary>Journal rows per storage transaction during the run; null when the target does not export the histogram.</summary>
    public HistogramDelta? RowsPerTransaction { get; init; }

    public static ServerMetrics Unavailable(string note) => new(false, note, [], []);

    public static ServerMetrics Compare(IReadOnlyList<PrometheusSample> before, IReadOnlyList<PrometheusSample> after)
    {
        var beforeByKey = before.GroupBy(s => s.SeriesKey).ToDictionary(g => g.Key, g => g.Last().Value);
        var series = after
            .Where(s => (s.Name.StartsWith(SchedulerPrefix, StringComparison.Ordinal) || s.Name.StartsWith(StoragePrefix, StringComparison.Ordinal))
                && !s.Name.EndsWith("_bucket", StringComparison.Ordinal))
            .GroupBy(s => s.SeriesKey)
            .Select(g => new ServerSeries(g.Key, beforeByKey.TryGetValue(g.Key, out var b) ? b : null, g.Last().Value))
            .OrderBy(s => s.Series, StringComparer.Ordinal)
            .ToList();
        return new ServerMetrics(true, null, series, RouteLatencies(before, after))
        {
            RowsPerTransaction = HistogramDelta.Between(before, after, JournalRowsPerTransaction),
        };
    }

    private static List<ServerRouteLatency> RouteLatencies(IReadOnlyList<PrometheusSample> before, IReadOnlyList<PrometheusSample> after)
    {
        static bool IsDuration(PrometheusSample s) => s.Name.StartsWith(HttpDurationPrefix, StringComparison.Ordinal);
        var beforeByKey = before.Where(IsDuration).GroupBy(s => s.SeriesKey).ToDictionary(g => g.Key, g => g.Last().Value);
        double Delta(PrometheusSample s) => s.Value - beforeByKey.GetValueOrDefault(s.SeriesKey);

        // Seconds are the OpenTelemetry unit; a name ending in _milliseconds would say otherwise.
        var routes = new List<ServerRouteLatency>();
        foreach (var group in after.Where(IsDuration).GroupBy(s => (Method: s.Label("http_request_method") ?? "", Route: s.Label("http_route") ?? "")))
        {
            var scale = group.Any(s => s.Name.Contains("_milliseconds", StringComparison.Ordinal)) ? 1.0 : 1000.0;
            var count = group.Where(s => s.Name.EndsWith("_count", StringComparison.Ordinal)).Sum(Delta);
            if (count <= 0)
            {
                continue;
            }

            var sum = group.Where(s => s.Name.EndsWith("_sum", StringComparison.Ordinal)).Sum(Delta);
            var buckets = group
                .Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal) && s.Label("le") is not null)
                .GroupBy(s => ParseBound(s.Label("le")!))
                .Select(g => (UpperBound: g.Key, Cumulative: g.Sum(Delta)))
                .OrderBy(b => b.UpperBound)
                .ToList();
            routes.Add(new ServerRouteLatency(
                group.Key.Method,
                group.Key.Route,
                count,
                sum / count * scale,
                Quantile(buckets, 0.50) * scale,
                Quantile(buckets, 0.90) * scale,
                Quantile(buckets, 0.99) * scale));
        }

        return routes.OrderByDescending(r => r.Requests).ToList();
    }

    /// <summary>Estimates a quantile from cumulative buckets, interpolating linearly inside the bucket that holds it.</summary>
    public static double Quantile(IReadOnlyList<(double UpperBound, double Cumulative)> buckets, double q)
    {
        if (buckets.Count == 0)
        {
            return 0;
        }

        var total = buckets[^1].Cumulative;
        if (total <= 0)
        {
            return 0;
        }

        var rank = q * total;
        var lowerBound = 0.0;
        var lowerCount = 0.0;
        foreach (var (upper, cumulative) in buckets)
        {
            if (cumulative >= rank)
            {
                if (double.IsPositiveInfinity(upper))
                {
                    return lowerBound;
                }

                var inBucket = cumulative - lowerCount;
                return inBucket <= 0 ? upper : lowerBound + ((upper - lowerBound) * (rank - lowerCount) / inBucket);
            }

            lowerBound = upper;
            lowerCount = cumulative;
        }

        return lowerBound;
    }

    private static double ParseBound(string le) =>
        le is "+Inf" or "Inf" ? double.PositiveInfinity : double.Parse(le, System.Globalization.CultureInfo.InvariantCulture);
}
