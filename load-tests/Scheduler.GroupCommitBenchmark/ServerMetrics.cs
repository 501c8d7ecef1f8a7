using System.Globalization;
using System.Text.RegularExpressions;

namespace Scheduler.GroupCommitBenchmark;

/// <summary>
/// The scheduler's own counters from its Prometheus endpoint: grain state writes (snapshots, claims of no one now)
/// and the journal's transactions with the rows they carried (rows of every grain of the silo share one).
/// </summary>
public sealed partial record ServerMetrics(double GrainStateWrites, double BatchSum, double BatchCount)
{
    public static async Task<ServerMetrics> ScrapeAsync(HttpClient http, Uri front)
    {
        var text = await http.GetStringAsync(new Uri(front, "/metrics"));
        return new ServerMetrics(
            Sum(text, "scheduler_storage_writes_total", null),
            Sum(text, "scheduler_journal_rows_per_transaction_sum", null),
            Sum(text, "scheduler_journal_rows_per_transaction_count", null));
    }

    public static ServerMetrics operator -(ServerMetrics after, ServerMetrics before) =>
        new(after.GrainStateWrites - before.GrainStateWrites, after.BatchSum - before.BatchSum, after.BatchCount - before.BatchCount);

    private static double Sum(string text, string name, string? label) =>
        SampleLine().Matches(text)
            .Where(m => m.Groups["name"].Value == name && (label is null || m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})?\s+(?<value>[-+0-9.eE]+|NaN)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}
