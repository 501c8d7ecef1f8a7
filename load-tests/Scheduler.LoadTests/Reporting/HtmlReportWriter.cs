using System.Globalization;
using System.Net;
using System.Text;
using Scheduler.LoadTests.Audit;
using Scheduler.LoadTests.Http;

namespace Scheduler.LoadTests.Reporting;

/// <summary>Renders <c>report.html</c>: one self-contained page with tables and inline SVG charts.</summary>
public static class HtmlReportWriter
{
    private static readonly Dictionary<string, string> ServiceColors = new()
    {
        [ServiceSummary.NearBeforeDeadline] = "#2ca02c",
        [ServiceSummary.NearAfterDeadline] = "#bcbd22",
        [ServiceSummary.FarBeforeDeadline] = "#1f77b4",
        [ServiceSummary.FarAfterDeadline] = "#9467bd",
        [ServiceSummary.Cancelled] = "#7f7f7f",
        [ServiceSummary.NotServed] = "#d62728",
    };

    public static string Render(RunSummary s)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append(F($"<title>Load test {Esc(s.Config.Scenario.Name)} – {s.StartedAt:yyyy-MM-dd HH:mm} UTC</title>"));
        html.Append("<style>body{font-family:sans-serif;margin:24px;max-width:1000px;color:#222}table{border-collapse:collapse;margin:8px 0 16px}"
            + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right;font-size:13px}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}"
            + ".pass{color:#1a7f37;font-weight:bold}.fail{color:#c62828;font-weight:bold}.skip{color:#8a6d00;font-weight:bold}h2{margin-top:32px;border-bottom:1px solid #ddd}"
            + "svg{display:block;margin:8px 0}code{white-space:pre-wrap;word-break:break-all}small{color:#666}</style></head><body>");
        html.Append(F($"<h1>Load test: {Esc(s.Config.Scenario.Name)}</h1>"));
        html.Append(F($"<p>{Esc(s.Config.Scenario.Description)}</p>"));
        html.Append(F($"<p><small>{s.StartedAt:u} → {s.FinishedAt:u} · target: {Esc(s.Config.Target)} · rate scale {s.Config.RateScale} · run id {Esc(s.Config.RunId)} · today (Lima) {s.Config.Today}, deadline {s.Config.DeadlineDate}</small></p>"));
        if (s.Interrupted is { } why)
        {
            html.Append(F($"<p class=\"fail\">Run interrupted: {Esc(why)}</p>"));
        }

        Bookings(html, s);
        html.Append("<p>Audit: ").Append(AuditBadge(s)).Append("</p>");

        Overview(html, s);
        Charts(html, s);
        Sellouts(html, s);
        Service(html, s);
        FairnessSection(html, s);
        Server(html, s);
        AuditSection(html, s);
        html.Append("<p><small>Latencies are measured from each request's intended start (the scheduled arrival, or the end of the applicant's pause), so a server that falls behind cannot hide queueing (no coordinated omission). Raw figures: summary.json.</small></p>");
        html.Append("</body></html>");
        return html.ToString();
    }

    private static void Bookings(StringBuilder html, RunSummary s)
    {
        if (s.Booking is { } booking)
        {
            html.Append("<h2 id=\"bookings\">Bookings (steady window)</h2><ul>");
            foreach (var line in booking.Lines())
            {
                html.Append(F($"<li>{Esc(line)}</li>"));
            }

            html.Append("</ul>");
        }

        if (s.Preparation.Count > 0)
        {
            html.Append("<p>Before the arrivals:</p><ul>");
            foreach (var raise in s.Preparation)
            {
                html.Append(F($"<li>raised {Esc(raise.Describe())}</li>"));
            }

            html.Append("</ul>");
        }

        if (s.Releases.Count > 0)
        {
            html.Append("<p>Seats released during the run:</p><ul>");
            foreach (var release in s.Releases)
            {
                html.Append(F($"<li>{Esc(release.Describe())}</li>"));
            }

            html.Append("</ul>");
        }
    }

    private static void Overview(StringBuilder html, RunSummary s)
    {
        html.Append("<h2 id=\"overview\">Overview</h2><table><tr><th>figure</th><th>value</th></tr>");
        Row(html, "arrivals expected from the curve", s.Arrivals.ExpectedFromCurve.ToString("0", CultureInfo.InvariantCulture));
        Row(html, "arrivals scheduled / launched / dropped", $"{s.Arrivals.Scheduled} / {s.Arrivals.Launched} / {s.Arrivals.Dropped}");
        Row(html, "peak applicants in flight", s.Arrivals.PeakInFlight.ToString(CultureInfo.InvariantCulture));
        Row(html, "requests (retries)", $"{s.Throughput.Requests} ({s.Throughput.Retries})");
        Row(html, "throughput", F($"{s.Throughput.RequestsPerSecond:0.0} req/s (peak {s.Throughput.PeakRequestsPerSecond}/s), {s.Throughput.BookingsPerSecond:0.0} bookings/s"));
        Row(html, "arrival window / wall time", F($"{s.Throughput.ArrivalWindowSeconds:0} s / {s.Throughput.WallSeconds:0.0} s"));
        html.Append("</table>");

        html.Append("<h3>Applicants by outcome</h3><table><tr><th>outcome</th><th>applicants</th></tr>");
        foreach (var (outcome, count) in s.ApplicantOutcomes)
        {
            Row(html, outcome, count.ToString(CultureInfo.InvariantCulture));
        }

        html.Append("</table>");

        var outcomes = s.Requests.Values.SelectMany(d => d.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        html.Append("<h3>Requests by kind and outcome</h3><table><tr><th>kind</th>");
        foreach (var o in outcomes)
        {
            html.Append(F($"<th>{Esc(o)}</th>"));
        }

        html.Append("</tr>");
        foreach (var (kind, counts) in s.Requests)
        {
            html.Append(F($"<tr><td>{Esc(kind)}</td>"));
            foreach (var o in outcomes)
            {
                html.Append(F($"<td>{counts.GetValueOrDefault(o)}</td>"));
            }

            html.Append("</tr>");
        }

        html.Append("</table>");

        if (s.ErrorSamples.Count > 0)
        {
            html.Append("<h3>First answer of each failing outcome</h3><table><tr><th>kind/outcome</th><th>status: body</th></tr>");
            foreach (var (key, sample) in s.ErrorSamples)
            {
                html.Append(F($"<tr><td>{Esc(key)}</td><td style=\"text-align:left\"><code>{Esc(sample)}</code></td></tr>"));
            }

            html.Append("</table>");
        }

        html.Append("<h3>Latency by kind (ms, from intended start)</h3><table><tr><th>kind</th><th>count</th><th>mean</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th></tr>");
        foreach (var (kind, l) in s.Latency)
        {
            html.Append(F($"<tr><td>{Esc(kind)}</td><td>{l.Count}</td><td>{l.MeanMs:0.0}</td><td>{l.P50Ms:0.0}</td><td>{l.P90Ms:0.0}</td><td>{l.P99Ms:0.0}</td><td>{l.P999Ms:0.0}</td><td>{l.MaxMs:0.0}</td></tr>"));
        }

        html.Append("</table>");
        if (s.SteadyFromSeconds > 0)
        {
            html.Append(F($"<h3>Steady latency (ms, requests meant to start after the {s.SteadyFromSeconds:0} s warm-up)</h3><table><tr><th>kind</th><th>count</th><th>mean</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th></tr>"));
            foreach (var (kind, l) in s.SteadyLatency.Where(kv => kv.Value.Count > 0))
            {
                html.Append(F($"<tr><td>{Esc(kind)}</td><td>{l.Count}</td><td>{l.MeanMs:0.0}</td><td>{l.P50Ms:0.0}</td><td>{l.P90Ms:0.0}</td><td>{l.P99Ms:0.0}</td><td>{l.P999Ms:0.0}</td><td>{l.MaxMs:0.0}</td></tr>"));
            }

            html.Append("</table>");
        }

        html.Append(F($"<p>Steady window ({s.SteadyFromSeconds:0}-{s.Throughput.ArrivalWindowSeconds:0} s): {s.Throughput.WindowAnsweredPerSecond:0} answers/s, {s.Throughput.WindowBookDecisionsPerSecond:0} booking decisions (201/409)/s, {s.Throughput.WindowQueriesPerSecond:0} searches and availability reads/s.</p>"));
        if (s.Resources is { } resources)
        {
            html.Append("<h3>CPU and memory (arrival window)</h3>");
            if (resources.Machine is { } m)
            {
                html.Append(F($"<p>Machine: {m.Cores} cores, {m.BusyCores:0.00} busy on average over {m.WindowSeconds:0} s, of which {m.OtherCores:0.00} by processes neither the tool nor watched; 1-minute load average {m.LoadAverageBefore:0.00} before, {m.LoadAverageAfter:0.00} after.</p>"));
            }

            html.Append("<table><tr><th>process</th><th>cores (avg)</th><th>CPU s</th><th>peak RSS MB</th></tr>");
            foreach (var p in resources.Processes)
            {
                html.Append(F($"<tr><td>{Esc(p.Name)}</td><td>{p.Cores:0.00}</td><td>{p.CpuSeconds:0.0}</td><td>{p.PeakRssMb:0}</td></tr>"));
            }

            html.Append("</table>");
        }
    }

    private static void Charts(StringBuilder html, RunSummary s)
    {
        var t = s.Timeline;
        html.Append("<h2 id=\"over-time\">Over time</h2>");
        html.Append(SvgChart.Line("Throughput per second", "seconds since start", "per second",
        [
            new("arrivals offered", SvgChart.Palette[7], t.Select(x => ((double)x.Second, (double)x.Offered)).ToList(), Dashed: true),
            new("applicants launched", SvgChart.Palette[0], t.Select(x => ((double)x.Second, (double)x.Launched)).ToList()),
            new("requests completed", SvgChart.Palette[3], t.Select(x => ((double)x.Second, (double)x.Requests)).ToList()),
            new("bookings (2xx)", SvgChart.Palette[2], t.Select(x => ((double)x.Second, (double)x.Bookings)).ToList()),
            new("dropped (cap)", SvgChart.Palette[1], t.Select(x => ((double)x.Second, (double)x.Dropped)).ToList()),
        ]));
        var withTraffic = t.Where(x => x.Requests > 0).ToList();
        html.Append(SvgChart.Line("Latency percentiles per second (all kinds)", "seconds since start", "ms",
        [
            new("p50", SvgChart.Palette[2], withTraffic.Select(x => ((double)x.Second, x.P50Ms)).ToList()),
            new("p90", SvgChart.Palette[3], withTraffic.Select(x => ((double)x.Second, x.P90Ms)).ToList()),
            new("p99", SvgChart.Palette[1], withTraffic.Select(x => ((double)x.Second, x.P99Ms)).ToList()),
        ]));

        foreach (var kind in RequestKindNames.All.Select(k => k.Name()))
        {
            var keys = t.SelectMany(x => x.Outcomes.Keys).Where(k => k.StartsWith(kind + "/", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToList();
            if (keys.Count == 0)
            {
                continue;
            }

            // "ok" is always green; failures take the other colours, never green.
            var failureColours = SvgChart.Palette.Where((_, i) => i != 2).ToArray();
            var failures = 0;
            var series = keys.Select(k => new ChartSeries(
                k[(kind.Length + 1)..],
                k.EndsWith("/ok", StringComparison.Ordinal) ? SvgChart.Palette[2] : failureColours[(1 + failures++) % failureColours.Length],
                t.Select(x => ((double)x.Second, (double)x.Outcomes.GetValueOrDefault(k))).ToList())).ToList();
            html.Append(SvgChart.Line($"Outcomes of {kind} requests per second", "seconds since start", "requests", series, height: 200));
        }
    }

    private static void Sellouts(StringBuilder html, RunSummary s)
    {
        html.Append("<h2 id=\"sell-out\">Sell-out times</h2><p>First time a booking at an office and date was answered slot-full, in seconds since the start.</p>");
        if (s.Sellouts.Count == 0)
        {
            html.Append("<p>No booking was answered slot-full.</p>");
            return;
        }

        var perOffice = s.Sellouts
            .GroupBy(x => x.OfficeId)
            .Select(g => (Label: g.Key, Value: g.Min(x => x.AtSeconds), Note: (string?)$"first {g.MinBy(x => x.AtSeconds)!.Date}; {g.Count()} date(s)"))
            .OrderBy(x => x.Value)
            .ToList();
        html.Append(SvgChart.Bars("First slot-full per office", "s", perOffice));
        html.Append("<table><tr><th>office</th><th>date</th><th>first slot-full (s)</th></tr>");
        foreach (var x in s.Sellouts.Take(300))
        {
            html.Append(F($"<tr><td>{Esc(x.OfficeId)}</td><td>{x.Date}</td><td>{x.AtSeconds:0.0}</td></tr>"));
        }

        html.Append("</table>");
        if (s.Sellouts.Count > 300)
        {
            html.Append(F($"<p><small>{s.Sellouts.Count - 300} more in summary.json.</small></p>"));
        }
    }

    private static void Service(StringBuilder html, RunSummary s)
    {
        var service = s.Service;
        html.Append(F($"<h2 id=\"service\">Who was served</h2><p>Share of applicants (dropped ones included) with a seat within {service.NearHomeKm:0} km of home on or before {service.DeadlineDate}: <b>{service.ShareNearBeforeDeadline:0.0%}</b> of {service.Applicants}.</p>"));
        html.Append(SvgChart.Shares("Applicants by service", service.Categories.Select(kv => (kv.Key, (double)kv.Value, ServiceColors.GetValueOrDefault(kv.Key, "#999"))).ToList()));
        html.Append(F($"<table><tr><th>home department</th><th>applicants</th><th>served</th><th>within {service.NearHomeKm:0} km and by deadline</th><th>share</th></tr>"));
        foreach (var d in service.Departments)
        {
            html.Append(F($"<tr><td>{Esc(d.Department)}</td><td>{d.Applicants}</td><td>{d.Served}</td><td>{d.ServedNearBeforeDeadline}</td><td>{d.ShareNearBeforeDeadline:0.0%}</td></tr>"));
        }

        html.Append("</table>");
    }

    private static void FairnessSection(StringBuilder html, RunSummary s)
    {
        if (s.Fairness is not { } own)
        {
            return;
        }

        var columns = Fairness.FairnessReport.Columns(own, s.FairnessByMode);
        html.Append(F($"<h2 id=\"fairness\">Who got the seats</h2><p>Far: home over {own.FarFromCapitalKm:0} km from the capital's offices. Seats: held at the end (booked or assigned, not cancelled). Dropped arrivals count as people not served."));
        if (s.Allocation is { } setup)
        {
            html.Append(F($" This run: {Esc(setup.Describe())}."));
        }

        if (s.Batches is { } b)
        {
            html.Append(F($" Batches run by the tool: {b.Run} (every {b.EverySeconds:0.#} s and once after the last arrival; {b.Assigned} seats assigned of {b.SeatsOffered} offered){(b.Failed > 0 ? $", {b.Failed} refused or failed" : "")}."));
        }

        html.Append("</p><table><tr><th>figure</th>");
        foreach (var mode in columns.Keys)
        {
            html.Append(F($"<th>{Esc(mode)}</th>"));
        }

        html.Append("</tr>");
        foreach (var (figure, show) in Fairness.FairnessReport.Rows)
        {
            html.Append(F($"<tr><td>{Esc(figure)}</td>"));
            foreach (var figures in columns.Values)
            {
                html.Append(F($"<td>{Esc(show(figures))}</td>"));
            }

            html.Append("</tr>");
        }

        html.Append("</table><table><tr><th>mode</th><th>target</th><th>measured</th><th>result</th></tr>");
        foreach (var (mode, figures) in columns)
        {
            foreach (var t in Fairness.FairnessReport.Targets(figures).Where(t => t.Met is not null))
            {
                var (css, word) = t.Met == true ? ("pass", "met") : ("fail", "missed");
                html.Append(F($"<tr><td>{Esc(mode)}</td><td>{Esc(t.Goal)}</td><td>{Esc(t.Measured)}</td><td class=\"{css}\">{word}</td></tr>"));
            }
        }

        html.Append("</table>");
    }

    private static void Server(StringBuilder html, RunSummary s)
    {
        html.Append("<h2 id=\"server\">Server-side figures (/metrics, after minus before)</h2>");
        if (!s.Server.Scraped)
        {
            html.Append(F($"<p>Not available: {Esc(s.Server.Note ?? "")}</p>"));
            return;
        }

        if (s.Server.Routes.Count > 0)
        {
            html.Append("<table><tr><th>route</th><th>requests</th><th>mean ms</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th></tr>");
            foreach (var r in s.Server.Routes)
            {
                html.Append(F($"<tr><td>{Esc(r.Method)} {Esc(r.Route)}</td><td>{r.Requests:0}</td><td>{r.MeanMs:0.0}</td><td>{r.P50Ms:0.0}</td><td>{r.P90Ms:0.0}</td><td>{r.P99Ms:0.0}</td></tr>"));
            }

            html.Append("</table><p><small>Server percentiles are estimated from histogram buckets.</small></p>");
        }
        else
        {
            html.Append("<p>No <code>http_server_request_duration</code> histogram in /metrics.</p>");
        }

        var changed = s.Server.Series.Where(x => x.Delta is { } d && d != 0).ToList();
        if (changed.Count > 0)
        {
            html.Append("<table><tr><th>series (changed during the run)</th><th>before</th><th>after</th><th>delta</th></tr>");
            foreach (var x in changed.Take(400))
            {
                html.Append(F($"<tr><td style=\"text-align:left\"><code>{Esc(x.Series)}</code></td><td>{x.Before:0.###}</td><td>{x.After:0.###}</td><td>{x.Delta:0.###}</td></tr>"));
            }

            html.Append(F($"</table><p><small>{s.Server.Series.Count - changed.Count} unchanged series in summary.json.</small></p>"));
        }
        else
        {
            html.Append("<p>No <code>scheduler_*</code> or <code>orleans_storage_*</code> series in /metrics.</p>");
        }
    }

    private static void AuditSection(StringBuilder html, RunSummary s)
    {
        html.Append("<h2 id=\"audit\">Audit</h2>");
        if (s.Audit is null)
        {
            html.Append(F($"<p>Not run: {Esc(s.AuditSkippedReason ?? "")}</p>"));
            return;
        }

        html.Append("<table><tr><th>check</th><th>verdict</th><th>checked</th><th>violations</th><th>note</th></tr>");
        foreach (var c in s.Audit.Checks)
        {
            html.Append(F($"<tr><td>{Esc(c.Name)}</td><td class=\"{Css(c.Status)}\">{c.Status}</td><td>{c.Checked}</td><td>{c.Violations}</td><td>{Esc(c.Note ?? "")}</td></tr>"));
        }

        html.Append("</table>");
        foreach (var c in s.Audit.Checks.Where(c => c.Details.Count > 0))
        {
            html.Append(F($"<h3>{Esc(c.Name)}</h3><ul>"));
            foreach (var d in c.Details)
            {
                html.Append(F($"<li>{Esc(d)}</li>"));
            }

            html.Append("</ul>");
        }
    }

    private static string AuditBadge(RunSummary s) =>
        s.Audit is null ? "<span class=\"skip\">not run</span>"
        : s.Audit.Passed ? "<span class=\"pass\">passed</span>"
        : "<span class=\"fail\">FAILED</span>";

    private static string Css(string status) => status switch
    {
        AuditCheck.Passed => "pass",
        AuditCheck.Failed => "fail",
        _ => "skip",
    };

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append(F($"<tr><td>{Esc(name)}</td><td>{Esc(value)}</td></tr>"));

    private static string Esc(string text) => WebUtility.HtmlEncode(text);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
