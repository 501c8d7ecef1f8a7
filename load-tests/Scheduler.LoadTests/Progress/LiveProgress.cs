using System.Globalization;
using Spectre.Console;

namespace Scheduler.LoadTests.Progress;

/// <summary>
/// Shows a run's progress: a live table on a terminal, or one plain line every few seconds when the
/// output goes to a file or CI.
/// </summary>
public static class LiveProgress
{
    /// <summary>Whether the live table can be used (a terminal, not CI, not asked for plain lines).</summary>
    public static bool CanUseLiveTable(bool plainRequested) =>
        !plainRequested
        && !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        && AnsiConsole.Profile.Capabilities.Interactive;

    public static async Task RunAsync(Func<ProgressSnapshot> read, bool liveTable, TextWriter plain, CancellationToken stop)
    {
        if (liveTable)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumn("figure").AddColumn("value");
            await AnsiConsole.Live(table).AutoClear(false).StartAsync(async context =>
            {
                while (!stop.IsCancellationRequested)
                {
                    Fill(table, read());
                    context.Refresh();
                    await Pause(TimeSpan.FromSeconds(1), stop);
                }

                Fill(table, read());
                context.Refresh();
            });
            return;
        }

        while (!stop.IsCancellationRequested)
        {
            await Pause(TimeSpan.FromSeconds(5), stop);
            await plain.WriteLineAsync(Line(read()));
        }
    }

    public static string Line(ProgressSnapshot s) => string.Create(CultureInfo.InvariantCulture,
        $"[{s.Phase}] t={s.ElapsedSeconds:0}/{s.DurationSeconds:0}s offered={s.OfferedRate:0.0}/s launched={s.LaunchedLastSecond}/s requests={s.RequestsLastSecond}/s in-flight={s.InFlight} dropped={s.Dropped} p50={s.P50Ms:0.0}ms p99={s.P99Ms:0.0}ms {Outcomes(s)}");

    private static void Fill(Table table, ProgressSnapshot s)
    {
        table.Rows.Clear();
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("phase", s.Phase);
        Row("elapsed", string.Create(CultureInfo.InvariantCulture, $"{s.ElapsedSeconds:0} / {s.DurationSeconds:0} s"));
        Row("offered rate", string.Create(CultureInfo.InvariantCulture, $"{s.OfferedRate:0.0} applicants/s"));
        Row("achieved rate", string.Create(CultureInfo.InvariantCulture, $"{s.LaunchedLastSecond} applicants/s, {s.RequestsLastSecond} requests/s"));
        Row("in flight", s.InFlight.ToString(CultureInfo.InvariantCulture));
        Row("dropped (cap)", s.Dropped.ToString(CultureInfo.InvariantCulture));
        Row("outcomes", Outcomes(s));
        Row("latency p50 / p99", string.Create(CultureInfo.InvariantCulture, $"{s.P50Ms:0.0} / {s.P99Ms:0.0} ms"));
    }

    private static string Outcomes(ProgressSnapshot s) =>
        s.Outcomes.Count == 0 ? "-" : string.Join(" ", s.Outcomes.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));

    private static async Task Pause(TimeSpan time, CancellationToken stop)
    {
        try
        {
            await Task.Delay(time, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
