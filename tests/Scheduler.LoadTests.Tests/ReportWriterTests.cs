using System.Text.Json;
using Scheduler.LoadTests.Audit;
using Scheduler.LoadTests.Contract;
using Scheduler.LoadTests.Hosting;
using Scheduler.LoadTests.Http;
using Scheduler.LoadTests.Journeys;
using Scheduler.LoadTests.Measurement;
using Scheduler.LoadTests.Metrics;
using Scheduler.LoadTests.Preparation;
using Scheduler.LoadTests.Reporting;
using Scheduler.LoadTests.Scenarios;

namespace Scheduler.LoadTests.Tests;

public sealed class ReportWriterTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("loadtest-report-");

    public void Dispose() => _folder.Delete(recursive: true);

    private static RunSummary Synthetic()
    {
        var recorder = new RunRecorder();
        recorder.SetOffered([2, 3, 4]);
        for (var s = 0; s < 3; s++)
        {
            Assert.True(recorder.TryLaunch(s + 0.1, 100));
            recorder.RecordRequest(RequestKind.Search, CallOutcome.Ok, s + 0.1, s + 0.15);
            recorder.RecordRequest(RequestKind.Book, s == 2 ? CallOutcome.SlotFull : CallOutcome.Ok, s + 0.2, s + 0.3);
            recorder.RecordErrorSample(RequestKind.Book, s == 2 ? CallOutcome.SlotFull : CallOutcome.Ok, 409, "{\"type\":\"slot-full\"}");
            recorder.RecordFinished(s == 2 ? JourneyOutcome.GaveUp : JourneyOutcome.Booked, s + 0.5);
        }

        var sellouts = new SelloutTracker();
        sellouts.Record("lim-brena", "2026-11-25", 2.3);
        sellouts.Record("lim-brena", "2026-11-25", 2.9);
        ApplicantResult[] applicants =
        [
            new() { ApplicantId = 1, HomeOfficeId = "lim-brena", HomeDepartment = "Lima", Outcome = "booked", ArrivedAtSeconds = 0, FinishedAtSeconds = 1, OfficeId = "lim-brena", Date = "2026-11-25", DistanceKm = 3 },
            new() { ApplicantId = 2, HomeOfficeId = "jz-cusco", HomeDepartment = "Cusco", Outcome = "booked", ArrivedAtSeconds = 1, FinishedAtSeconds = 2, OfficeId = "jz-cusco", Date = "2027-01-10", DistanceKm = 80 },
            new() { ApplicantId = 3, HomeOfficeId = "lim-brena", HomeDepartment = "Lima", Outcome = "gave-up", ArrivedAtSeconds = 2, FinishedAtSeconds = 3 },
        ];
        var scenario = new Scenario { Name = "synthetic <test>", DurationSeconds = 3, Rate = [new RatePoint(0, 3)] };
        var audit = new AuditResult([new AuditCheck("no-slot-over-capacity", AuditCheck.Failed, 10, 1, ["lim-brena 2026-11-25 08:00: 25 active appointments for capacity 24"])]);
        var server = ServerMetrics.Compare(
            PrometheusText.Parse("scheduler_bookings_total 1"),
            PrometheusText.Parse("scheduler_bookings_total 3\nhttp_server_request_duration_seconds_bucket{http_route=\"/x\",http_request_method=\"GET\",le=\"+Inf\"} 2\nhttp_server_request_duration_seconds_count{http_route=\"/x\",http_request_method=\"GET\"} 2\nhttp_server_request_duration_seconds_sum{http_route=\"/x\",http_request_method=\"GET\"} 0.01"));

        return SummaryBuilder.Build(
            new RunConfiguration(scenario, 1, "test", ["http://127.0.0.1:1/"], "2026-11-24", "2026-12-01", "abcd"),
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(5),
            new ArrivalFigures(9, 3, 3, 0, 1), recorder, ServiceTally.Of(applicants, "2026-12-01"), sellouts, server, audit, null, 3.5, null);
    }

    [Fact]
    public void Writing_a_report_produces_json_html_and_markdown()
    {
        var files = ReportWriter.WriteAll(Synthetic(), _folder.FullName);

        Assert.Equal(["summary.json", "report.html", "report.md"], files.Select(Path.GetFileName));
        Assert.All(files, f => Assert.True(new FileInfo(f).Length > 200));
    }

    [Fact]
    public void The_summary_json_holds_config_outcomes_latency_server_figures_and_the_audit()
    {
        ReportWriter.WriteAll(Synthetic(), _folder.FullName);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder.FullName, "summary.json")));
        var root = json.RootElement;

        Assert.Equal("synthetic <test>", root.GetProperty("config").GetProperty("scenario").GetProperty("name").GetString());
        Assert.Equal(2, root.GetProperty("applicantOutcomes").GetProperty("booked").GetInt32());
        Assert.Equal(1, root.GetProperty("requests").GetProperty("book").GetProperty("slot-full").GetInt32());
        Assert.Equal(3, root.GetProperty("latency").GetProperty("book").GetProperty("count").GetInt32());
        Assert.Equal(2, root.GetProperty("server").GetProperty("series")[0].GetProperty("delta").GetDouble());
        Assert.False(root.GetProperty("audit").GetProperty("passed").GetBoolean());
        Assert.Equal(2.3, root.GetProperty("sellouts")[0].GetProperty("atSeconds").GetDouble());
        Assert.Equal(3, root.GetProperty("timeline").GetArrayLength());
    }

    [Fact]
    public void The_html_report_is_self_contained_with_inline_svg_charts_and_escaped_text()
    {
        ReportWriter.WriteAll(Synthetic(), _folder.FullName);
        var html = File.ReadAllText(Path.Combine(_folder.FullName, "report.html"));

        Assert.DoesNotContain("<script", html);
        Assert.True(html.Split("<svg").Length - 1 >= 5, "throughput, latency, outcomes, sell-out and service charts");
        Assert.Contains("synthetic &lt;test&gt;", html);
        Assert.Contains("Throughput per second", html);
        Assert.Contains("Latency percentiles per second", html);
        Assert.Contains("First slot-full per office", html);
        Assert.Contains("FAILED", html);
    }

    [Fact]
    public void Service_counts_near_home_before_the_deadline_and_dropped_arrivals_as_not_served()
    {
        var service = Synthetic().Service;

        Assert.Equal(3, service.Applicants);
        Assert.Equal(1, service.Categories[ServiceSummary.NearBeforeDeadline]);
        Assert.Equal(1, service.Categories[ServiceSummary.FarAfterDeadline]);
        Assert.Equal(1, service.Categories[ServiceSummary.NotServed]);
        Assert.Equal(1 / 3.0, service.ShareNearBeforeDeadline, 6);

        var withDrops = SummaryBuilder.Service([], dropped: 4, "2026-12-01");
        Assert.Equal(4, withDrops.Categories[ServiceSummary.NotServed]);
    }

    [Fact]
    public void The_cluster_script_output_gives_the_api_addresses()
    {
        const string output = """
            cluster.sh: silo0 is ready
              silo0      http://127.0.0.1:5180  (silo 11111, gateway 30000)  /health/ready /metrics
              api0       http://127.0.0.1:5080
              api1       http://127.0.0.1:5081
            """;

        Assert.Equal([new Uri("http://127.0.0.1:5080/"), new Uri("http://127.0.0.1:5081/")], LocalCluster.ApiUris(output));
    }

    [Fact]
    public void The_cluster_script_output_gives_the_silos_metrics_addresses()
    {
        const string output = """
              silo0      http://127.0.0.1:5180  (silo 11111, gateway 30000)  /health/ready /metrics
              silo1      http://127.0.0.1:5181  (silo 11112, gateway 30001)  /health/ready /metrics
              api0       http://127.0.0.1:5080
            """;

        Assert.Equal([new Uri("http://127.0.0.1:5180/"), new Uri("http://127.0.0.1:5181/")], LocalCluster.SiloUris(output));
    }

    [Fact]
    public void Every_report_leads_with_201s_per_second_with_409s_beside_them_and_lists_the_capacity_raise()
    {
        var raised = new CapacityRaised
        {
            OfficeId = "lim-brena",
            Request = new CapacityRequest("cpp-biometrics", "2026-11-24", "2027-01-19", null, "07:00", "19:00", 500, "r", false),
            Opened = [new OpenedDay("2026-11-25", "07:00", 18000)],
            ChangedDays = 1,
            Relocated = 0,
            Unplaced = 0,
        };
        var summary = Synthetic() with { Preparation = [raised] };

        ReportWriter.WriteAll(summary, _folder.FullName);
        var md = File.ReadAllText(Path.Combine(_folder.FullName, "report.md"));
        var html = File.ReadAllText(Path.Combine(_folder.FullName, "report.html"));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder.FullName, "summary.json")));

        // Two 201s and one 409 in the 3 s window (no warm-up).
        Assert.Equal(2 / 3.0, summary.Booking!.BookedPerSecond, 6);
        Assert.Equal(1 / 3.0, summary.Booking.RefusedPerSecond, 6);
        Assert.Equal(2, json.RootElement.GetProperty("booking").GetProperty("booked").GetInt32());
        Assert.Equal("lim-brena", json.RootElement.GetProperty("preparation")[0].GetProperty("officeId").GetString());
        foreach (var report in new[] { md, html })
        {
            var bookings = report.IndexOf("durable bookings: 1 201s/s in the steady window 0-3 s (2 in it)", StringComparison.Ordinal);
            Assert.True(bookings > 0, "the 201 rate is reported");
            Assert.True(bookings < report.IndexOf("Audit", StringComparison.Ordinal), "before the audit");
            Assert.True(bookings < report.IndexOf("arrivals scheduled", StringComparison.Ordinal), "before the overview");
            Assert.True(bookings < report.IndexOf("beside them: 409s 0/s (slot-full 0/s", StringComparison.Ordinal), "409s beside, after");
            Assert.Contains("rows per transaction at the server: not exported by the target", report, StringComparison.Ordinal);
            Assert.Contains("201s/s by third of the steady window: first (0-1 s) 1 of 2 arrivals/s offered", report, StringComparison.Ordinal);
            Assert.Contains("raised lim-brena cpp-biometrics 2026-11-24..2027-01-19 every day 07:00-19:00 to 500 counters: 1 days changed", report, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_run_without_bookings_reports_no_booking_figures()
    {
        var recorder = new RunRecorder();
        recorder.RecordRequest(RequestKind.Search, CallOutcome.Ok, 0.1, 0.2);
        var scenario = new Scenario { Name = "queries", DurationSeconds = 1, Rate = [new RatePoint(0, 1)] };

        var summary = SummaryBuilder.Build(
            new RunConfiguration(scenario, 1, "test", ["http://127.0.0.1:1/"], "2026-11-24", "2026-12-01", "abcd"),
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(1),
            new ArrivalFigures(1, 1, 1, 0, 1), recorder, ServiceTally.Of([], "2026-12-01"), new SelloutTracker(), ServerMetrics.Unavailable("none"), null, "test", 1, null);

        Assert.Null(summary.Booking);
        Assert.DoesNotContain("durable bookings", MarkdownReportWriter.Render(summary), StringComparison.Ordinal);
    }
}
