using System.Globalization;
using System.Text;

namespace Scheduler.LoadTests.Reporting;

/// <summary>Renders <c>report.md</c>: the key tables, for pasting into an issue or a pull request.</summary>
public static class MarkdownReportWriter
{
    public static string Render(RunSummary s)
    {
        var md = new StringBuilder();
        md.AppendLine(F($"# Load test: {s.Config.Scenario.Name}"));
        md.AppendLine();
        md.AppendLine(F($"{s.StartedAt:u} → {s.FinishedAt:u} · target: {s.Config.Target} · rate scale {s.Config.RateScale} · deadline {s.Config.DeadlineDate}"));
        md.AppendLine();
        if (s.Interrupted is { } why)
        {
            md.AppendLine(F($"**Interrupted:** {why}"));
            md.AppendLine();
        }

        if (s.Booking is { } booking)
        {
            md.AppendLine("## Bookings (steady window)");
            md.AppendLine();
            foreach (var line in booking.Lines())
            {
                md.AppendLine(F($"- {line}"));
            }

            md.AppendLine();
        }

        if (s.Preparation.Count > 0)
        {
            md.AppendLine("Before the arrivals:");
            md.AppendLine();
            foreach (var raise in s.Preparation)
            {
                md.AppendLine(F($"- raised {raise.Describe()}"));
            }

            md.AppendLine();
        }

        md.AppendLine(F($"**Audit:** {(s.Audit is null ? "not run (" + s.AuditSkippedReason + ")" : s.Audit.Passed ? "passed" : "FAILED")}"));
        md.AppendLine();
        md.AppendLine("| figure | value |");
        md.AppendLine("|---|---|");
        md.AppendLine(F($"| arrivals scheduled / launched / dropped | {s.Arrivals.Scheduled} / {s.Arrivals.Launched} / {s.Arrivals.Dropped} |"));
        md.AppendLine(F($"| peak in flight | {s.Arrivals.PeakInFlight} |"));
        md.AppendLine(F($"| requests (retries) | {s.Throughput.Requests} ({s.Throughput.Retries}) |"));
        md.AppendLine(F($"| throughput | {s.Throughput.RequestsPerSecond:0.0} req/s, peak {s.Throughput.PeakRequestsPerSecond}/s, {s.Throughput.BookingsPerSecond:0.0} bookings/s |"));
        md.AppendLine(F($"| served within {s.Service.NearHomeKm:0} km by the deadline | {s.Service.ShareNearBeforeDeadline:0.0%} of {s.Service.Applicants} |"));
        md.AppendLine();

        md.AppendLine("## Applicants by outcome");
        md.AppendLine();
        md.AppendLine("| outcome | applicants |");
        md.AppendLine("|---|---:|");
        foreach (var (outcome, count) in s.ApplicantOutcomes)
        {
            md.AppendLine(F($"| {outcome} | {count} |"));
        }

        md.AppendLine();
        md.AppendLine("## Requests by kind and outcome");
        md.AppendLine();
        md.AppendLine("| kind | outcomes |");
        md.AppendLine("|---|---|");
        foreach (var (kind, counts) in s.Requests.Where(kv => kv.Value.Count > 0))
        {
            md.AppendLine(F($"| {kind} | {string.Join(", ", counts.Select(kv => $"{kv.Key} {kv.Value}"))} |"));
        }

        if (s.ErrorSamples.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## First answer of each failing outcome");
            md.AppendLine();
            foreach (var (key, sample) in s.ErrorSamples)
            {
                md.AppendLine(F($"- `{key}`: {sample.ReplaceLineEndings(" ")}"));
            }
        }

        md.AppendLine();
        md.AppendLine("## Latency (ms, from intended start)");
        md.AppendLine();
        md.AppendLine("| kind | count | p50 | p90 | p99 | p99.9 | max |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (kind, l) in s.Latency)
        {
            md.AppendLine(F($"| {kind} | {l.Count} | {l.P50Ms:0.0} | {l.P90Ms:0.0} | {l.P99Ms:0.0} | {l.P999Ms:0.0} | {l.MaxMs:0.0} |"));
        }

        if (s.SteadyFromSeconds > 0)
        {
            md.AppendLine();
            md.AppendLine(F($"## Steady latency (ms, requests meant to start after the {s.SteadyFromSeconds:0} s warm-up)"));
            md.AppendLine();
            md.AppendLine("| kind | count | p50 | p90 | p99 | p99.9 | max |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var (kind, l) in s.SteadyLatency.Where(kv => kv.Value.Count > 0))
            {
                md.AppendLine(F($"| {kind} | {l.Count} | {l.P50Ms:0.0} | {l.P90Ms:0.0} | {l.P99Ms:0.0} | {l.P999Ms:0.0} | {l.MaxMs:0.0} |"));
            }
        }

        md.AppendLine();
        md.AppendLine(F($"Steady window ({s.SteadyFromSeconds:0}-{s.Throughput.ArrivalWindowSeconds:0} s): {s.Throughput.WindowAnsweredPerSecond:0} answers/s, {s.Throughput.WindowBookDecisionsPerSecond:0} booking decisions (201/409)/s, {s.Throughput.WindowQueriesPerSecond:0} searches and availability reads/s."));

        if (s.Resources is { } resources)
        {
            md.AppendLine();
            md.AppendLine("## CPU and memory (arrival window)");
            md.AppendLine();
            if (resources.Machine is { } m)
            {
                md.AppendLine(F($"Machine: {m.Cores} cores, {m.BusyCores:0.00} busy on average over {m.WindowSeconds:0} s, of which {m.OtherCores:0.00} by processes neither the tool nor watched; 1-minute load average {m.LoadAverageBefore:0.00} before, {m.LoadAverageAfter:0.00} after."));
                md.AppendLine();
            }

            md.AppendLine("| process | cores (avg) | CPU s | peak RSS MB |");
            md.AppendLine("|---|---:|---:|---:|");
            foreach (var p in resources.Processes)
            {
                md.AppendLine(F($"| {p.Name} | {p.Cores:0.00} | {p.CpuSeconds:0.0} | {p.PeakRssMb:0} |"));
            }
        }

        if (s.Server.Routes.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Server-side latency (from /metrics)");
            md.AppendLine();
            md.AppendLine("| route | requests | mean ms | p50 ms | p99 ms |");
            md.AppendLine("|---|---:|---:|---:|---:|");
            foreach (var r in s.Server.Routes)
            {
                md.AppendLine(F($"| {r.Method} {r.Route} | {r.Requests:0} | {r.MeanMs:0.0} | {r.P50Ms:0.0} | {r.P99Ms:0.0} |"));
            }
        }

        var changed = s.Server.Series.Where(x => x.Delta is { } d && d != 0).ToList();
        if (changed.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Server series changed during the run (/metrics)");
            md.AppendLine();
            md.AppendLine("| series | delta |");
            md.AppendLine("|---|---:|");
            foreach (var x in changed.Take(60))
            {
                md.AppendLine(F($"| `{x.Series}` | {x.Delta:0.###} |"));
            }
        }

        if (s.Sellouts.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## First slot-full per office");
            md.AppendLine();
            md.AppendLine("| office | first date full | at (s) | dates full |");
            md.AppendLine("|---|---|---:|---:|");
            foreach (var g in s.Sellouts.GroupBy(x => x.OfficeId).OrderBy(g => g.Min(x => x.AtSeconds)))
            {
                var first = g.MinBy(x => x.AtSeconds)!;
                md.AppendLine(F($"| {g.Key} | {first.Date} | {first.AtSeconds:0.0} | {g.Count()} |"));
            }
        }

        if (s.Fairness is { } own)
        {
            var columns = Fairness.FairnessReport.Columns(own, s.FairnessByMode);
            md.AppendLine();
            md.AppendLine(F($"## Who got the seats (far: home over {own.FarFromCapitalKm:0} km from the capital's offices)"));
            md.AppendLine();
            md.AppendLine("| figure | " + string.Join(" | ", columns.Keys) + " |");
            md.AppendLine("|---|" + string.Concat(columns.Keys.Select(_ => "---:|")));
            foreach (var (figure, show) in Fairness.FairnessReport.Rows)
            {
                md.AppendLine($"| {figure} | " + string.Join(" | ", columns.Values.Select(show)) + " |");
            }

            md.AppendLine();
            foreach (var (mode, figures) in columns)
            {
                foreach (var t in Fairness.FairnessReport.Targets(figures).Where(t => t.Met is not null))
                {
                    md.AppendLine(F($"- {mode}: {t.Goal}: {t.Measured} - **{(t.Met == true ? "met" : "missed")}**"));
                }
            }
        }

        if (s.Audit is not null)
        {
            md.AppendLine();
            md.AppendLine("## Audit");
            md.AppendLine();
            md.AppendLine("| check | verdict | checked | violations | note |");
            md.AppendLine("|---|---|---:|---:|---|");
            foreach (var c in s.Audit.Checks)
            {
                md.AppendLine(F($"| {c.Name} | {c.Status} | {c.Checked} | {c.Violations} | {c.Note} |"));
            }

            foreach (var c in s.Audit.Checks.Where(c => c.Details.Count > 0))
            {
                md.AppendLine();
                md.AppendLine(F($"### {c.Name}"));
                md.AppendLine();
                foreach (var d in c.Details)
                {
                    md.AppendLine(F($"- {d}"));
                }
            }
        }

        return md.ToString();
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
