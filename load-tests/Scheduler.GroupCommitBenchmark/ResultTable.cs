using System.Globalization;
using System.Text;

namespace Scheduler.GroupCommitBenchmark;

/// <summary>The results as a plain-text table (console) and as Markdown (docs).</summary>
public static class ResultTable
{
    private static readonly string[] Header =
    [
        "storage", "mode", "round", "bookings", "seconds", "durable bookings/s", "journal rows", "transactions/booking",
        "state writes/booking", "rows/transaction", "p50 ms", "p99 ms", "load",
    ];

    public static string Text(IReadOnlyList<RunResult> results)
    {
        var rows = new List<string[]> { Header };
        rows.AddRange(results.Select(Cells));
        var widths = Enumerable.Range(0, Header.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c < 2 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))));
        }

        return text.ToString();
    }

    public static string Markdown(IReadOnlyList<RunResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", Header) + " |");
        text.AppendLine("|" + string.Concat(Header.Select((_, c) => c < 2 ? "---|" : "---:|")));
        foreach (var result in results)
        {
            text.AppendLine("| " + string.Join(" | ", Cells(result)) + " |");
        }

        return text.ToString();
    }

    private static string[] Cells(RunResult r) =>
    [
        r.Storage == StorageKind.PostgreSql ? "PostgreSQL" : "SQLite",
        r.Mode,
        r.Round.ToString(CultureInfo.InvariantCulture),
        r.Booked == r.Bookings ? r.Booked.ToString(CultureInfo.InvariantCulture) : $"{r.Booked} of {r.Bookings}",
        r.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
        r.BookingsPerSecond.ToString("0", CultureInfo.InvariantCulture),
        r.Writes.JournalRows.ToString(CultureInfo.InvariantCulture),
        r.TransactionsPerBooking.ToString("0.000", CultureInfo.InvariantCulture),
        r.StateWritesPerBooking.ToString("0.000", CultureInfo.InvariantCulture),
        r.MeanBatch.ToString("0.0", CultureInfo.InvariantCulture),
        r.P50Milliseconds.ToString("0", CultureInfo.InvariantCulture),
        r.P99Milliseconds.ToString("0", CultureInfo.InvariantCulture),
        r.LoadAverage.ToString("0.0", CultureInfo.InvariantCulture),
    ];
}
