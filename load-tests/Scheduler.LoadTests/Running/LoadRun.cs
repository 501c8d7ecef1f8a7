using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Scheduler.LoadTests.Applicants;
using Scheduler.LoadTests.Arrivals;
using Scheduler.LoadTests.Audit;
using Scheduler.LoadTests.Cli;
using Scheduler.LoadTests.Contract;
using Scheduler.LoadTests.Geography;
using Scheduler.LoadTests.Hosting;
using Scheduler.LoadTests.Http;
using Scheduler.LoadTests.Journeys;
using Scheduler.LoadTests.Measurement;
using Scheduler.LoadTests.Metrics;
using Scheduler.LoadTests.Progress;
using Scheduler.LoadTests.Reporting;
using Scheduler.LoadTests.Scenarios;

namespace Scheduler.LoadTests.Running;

/// <summary>
/// One run from start to finish: scenario, target, arrivals, drain, server metrics, audit, report.
/// Returns the process exit code.
/// </summary>
public sealed class LoadRun(RunOptions options, TextWriter output, TimeProvider time)
{
    public const int ExitOk = 0;
    public const int ExitAuditFailed = 1;
    public const int ExitBadArguments = 2;

    private int _firstFailureLogged;

    public async Task<int> ExecuteAsync(CancellationToken interrupt)
    {
        Scenario scenario;
        try
        {
            scenario = ScenarioLoader.Load(options.Scenario).Rescaled(options.RateScale, options.DurationSeconds);
            if (options.Seed is { } seed)
            {
                scenario = scenario with { Seed = seed };
            }

            if (options.MaxInFlight is { } cap)
            {
                scenario = scenario with { MaxInFlight = cap };
            }
        }
        catch (ScenarioException e)
        {
            await output.WriteLineAsync($"error: {e.Message}");
            return ExitBadArguments;
        }

        var repositoryRoot = RepositoryRoot.Find();
        var outDirectory = Path.GetFullPath(options.OutDirectory ?? Path.Combine(
            repositoryRoot ?? Environment.CurrentDirectory,
            "load-tests",
            "reports",
            $"{scenario.Name}-{time.GetLocalNow():yyyyMMdd-HHmmss}"));
        Directory.CreateDirectory(outDirectory);

        ITarget target;
        try
        {
            target = await StartTargetAsync(repositoryRoot, outDirectory, interrupt);
        }
        catch (TargetUnavailableException e)
        {
            await output.WriteLineAsync($"error: {e.Message}");
            RemoveIfEmpty(outDirectory);
            return ExitBadArguments;
        }
        catch (OperationCanceledException)
        {
            await output.WriteLineAsync("interrupted while starting the target");
            return ExitBadArguments;
        }

        await using (target)
        {
            return await RunAgainstAsync(scenario, target, outDirectory, interrupt);
        }
    }

    private static void RemoveIfEmpty(string directory)
    {
        if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Directory.Delete(directory);
        }
    }

    private async Task<ITarget> StartTargetAsync(string? repositoryRoot, string outDirectory, CancellationToken ct)
    {
        void Status(string line) => output.WriteLine(line);
        var startup = TimeSpan.FromSeconds(options.StartupTimeoutSeconds);
        if (options.Embedded)
        {
            return await EmbeddedScheduler.StartAsync(
                repositoryRoot ?? throw new TargetUnavailableException("--embedded needs the repository checkout (Scheduler.sln) above the working directory"),
                Path.Combine(outDirectory, "server.log"), startup, time, Status, ct);
        }

        if (options.ClusterSilos is { } silos)
        {
            return await LocalCluster.StartAsync(
                repositoryRoot ?? throw new TargetUnavailableException("--cluster needs the repository checkout (Scheduler.sln) above the working directory"),
                silos, Path.Combine(outDirectory, "cluster.log"), startup, time, Status, ct);
        }

        using var http = new HttpClient();
        foreach (var uri in options.Urls)
        {
            if (!await ReadinessProbe.WaitAsync(http, uri, TimeSpan.FromSeconds(10), () => true, ct))
            {
                throw new TargetUnavailableException($"{uri}health/ready did not answer 200 within 10 s; is the scheduler running?");
            }
        }

        return new RunningTarget(options.Urls, options.Token);
    }

    private async Task<int> RunAgainstAsync(Scenario scenario, ITarget target, string outDirectory, CancellationToken interrupt)
    {
        var startedAt = time.GetUtcNow();
        var runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var today = LimaCalendar.Today(time);
        var deadline = today.AddDays(scenario.DeadlineDaysAhead);
        var clock = new RunClock(time);
        var recorder = new RunRecorder();
        var ledger = new BookingLedger();
        var sellouts = new SelloutTracker();

        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = scenario.Client.MaxConnections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var timeout = TimeSpan.FromSeconds(scenario.Client.RequestTimeoutSeconds);
        var client = new SchedulerApiClient(http, clock, recorder, timeout);
        var quietClient = new SchedulerApiClient(http, clock, null, timeout);
        var retry = new RetryPolicy(scenario.Client);

        var catalog = OfficeCatalog.LoadShipped();
        var locations = await OfficeLocationsAsync(quietClient, target.BaseUris[0], scenario, catalog, interrupt);
        if (scenario.Applicants.TargetOfficeId is { } hot && !locations.ContainsKey(hot))
        {
            await output.WriteLineAsync($"warning: the target does not list office '{hot}'");
        }

        var (metricsBefore, metricsNote) = await MetricsScraper.ScrapeAsync(http, target.BaseUris, interrupt);

        var curve = new ArrivalCurve(scenario.Rate, scenario.DurationSeconds);
        var arrivals = ArrivalSchedule.Generate(curve, scenario.ArrivalProcess, new Random(scenario.Seed));
        recorder.SetOffered(ArrivalSchedule.PerSecond(arrivals, scenario.DurationSeconds));
        var placer = new ApplicantPlacer(catalog.Offices, scenario.Applicants.ScatterKm);
        var factory = new ApplicantFactory(placer, scenario.Applicants, scenario.Seed + 1);
        var context = new JourneyContext(scenario, client, retry, recorder, ledger, sellouts, locations, today, runId);
        var results = new ConcurrentBag<ApplicantResult>();

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"scenario {scenario.Name}: {arrivals.Length} arrivals over {scenario.DurationSeconds:0} s (peak {scenario.Rate.Max(r => r.PerSecond):0.#}/s) against {target.Description}; report in {outDirectory}"));

        using var journeysCancel = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        using var progressStop = new CancellationTokenSource();
        var phase = "arrivals";
        var liveTable = LiveProgress.CanUseLiveTable(options.PlainProgress);
        var progress = LiveProgress.RunAsync(
            () =>
            {
                var now = clock.Now;
                var (launched, requests, _) = recorder.LastFullSecond(now);
                var all = recorder.CombinedLatency();
                return new ProgressSnapshot(phase, now, scenario.DurationSeconds, now <= scenario.DurationSeconds ? curve.RateAt(now) : 0,
                    launched, requests, recorder.InFlight, recorder.Dropped, recorder.ApplicantOutcomes, all.PercentileMs(50), all.PercentileMs(99));
            },
            liveTable,
            output,
            progressStop.Token);

        clock.Restart();
        var driver = new OpenModelDriver(clock, recorder, scenario.MaxInFlight);
        var nextTarget = 0;
        var running = await driver.RunAsync(
            arrivals,
            at =>
            {
                var applicant = factory.Next();
                var baseUri = target.BaseUris[nextTarget++ % target.BaseUris.Count];
                return () => RunApplicantAsync(context, applicant, baseUri, at, results, journeysCancel.Token);
            },
            interrupt);

        string? interrupted = interrupt.IsCancellationRequested ? "interrupted during arrivals" : null;
        phase = "draining";
        var drainLimit = TimeSpan.FromSeconds(scenario.Applicants.PatienceSeconds.Max + (2 * scenario.Client.RequestTimeoutSeconds) + 30);
        var all = Task.WhenAll(running);
        if (await Task.WhenAny(all, Task.Delay(drainLimit, CancellationToken.None)) != all)
        {
            interrupted ??= $"applicants still running {drainLimit.TotalSeconds:0} s after the last arrival were cut off";
            await journeysCancel.CancelAsync();
            await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None));
        }

        var wallSeconds = clock.Now;
        await progressStop.CancelAsync();
        await progress;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"arrivals done in {wallSeconds:0.0} s; {ledger.Count} bookings acknowledged"));

        var (metricsAfter, afterNote) = await MetricsScraper.ScrapeAsync(http, target.BaseUris, CancellationToken.None);
        var server = metricsBefore is not null && metricsAfter is not null
            ? ServerMetrics.Compare(metricsBefore, metricsAfter) with { Note = metricsNote ?? afterNote }
            : ServerMetrics.Unavailable(metricsNote ?? afterNote ?? "no /metrics");

        AuditResult? audit = null;
        string? auditSkipped = null;
        if (options.SkipAudit)
        {
            auditSkipped = "--skip-audit";
        }
        else
        {
            await output.WriteLineAsync($"auditing {ledger.Count} bookings...");
            var collector = new AuditCollector(quietClient, retry, target.BaseUris[0], target.OperatorToken, scenario.Procedure);
            audit = Auditor.Audit(await collector.CollectAsync(ledger, CancellationToken.None));
        }

        var summary = SummaryBuilder.Build(
            new RunConfiguration(scenario, options.RateScale, target.Description, target.BaseUris.Select(u => u.ToString()).ToList(),
                SummaryBuilder.IsoDate(today), SummaryBuilder.IsoDate(deadline), runId),
            startedAt,
            time.GetUtcNow(),
            new ArrivalFigures(curve.ExpectedTotal, arrivals.Length, recorder.Launched, recorder.Dropped, recorder.PeakInFlight),
            recorder,
            results.ToList(),
            sellouts,
            server,
            audit,
            auditSkipped,
            wallSeconds,
            interrupted);
        var files = ReportWriter.WriteAll(summary, outDirectory);
        await PrintSummaryAsync(summary, files);
        return audit is { Passed: false } ? ExitAuditFailed : ExitOk;
    }

    private async Task RunApplicantAsync(JourneyContext context, VirtualApplicant applicant, Uri baseUri, double at, ConcurrentBag<ApplicantResult> results, CancellationToken ct)
    {
        ApplicantResult result;
        try
        {
            result = await new ApplicantJourney(context, applicant, baseUri, at).RunAsync(ct);
        }
        catch (OperationCanceledException)
        {
            result = Unfinished(applicant, at, JourneyOutcome.CutOff, context.Client.Clock.Now);
        }
        catch (Exception e)
        {
            if (Interlocked.Exchange(ref _firstFailureLogged, 1) == 0)
            {
                await output.WriteLineAsync($"an applicant journey failed (first of possibly many): {e}");
            }

            result = Unfinished(applicant, at, JourneyOutcome.Failed, context.Client.Clock.Now);
        }

        results.Add(result);
        context.Recorder.RecordFinished(result.Outcome, context.Client.Clock.Now);
    }

    private static ApplicantResult Unfinished(VirtualApplicant applicant, double at, string outcome, double now) => new()
    {
        ApplicantId = applicant.Id,
        HomeOfficeId = applicant.HomeOffice.Id,
        HomeDepartment = applicant.HomeOffice.Department,
        Outcome = outcome,
        ArrivedAtSeconds = at,
        FinishedAtSeconds = now,
    };

    private async Task<IReadOnlyDictionary<string, GeoPoint>> OfficeLocationsAsync(
        SchedulerApiClient client, Uri baseUri, Scenario scenario, OfficeCatalog catalog, CancellationToken ct)
    {
        var locations = catalog.Offices.ToDictionary(o => o.Id, o => o.Location, StringComparer.Ordinal);
        var response = await client.OfficesAsync(baseUri, scenario.Procedure, ct);
        var listed = response.IsSuccess ? response.Read<List<OfficeView>>() : null;
        if (listed is null)
        {
            await output.WriteLineAsync($"warning: GET /api/v1/offices answered {response.Status?.ToString(CultureInfo.InvariantCulture) ?? response.Outcome}; using the tool's own office list");
            return locations;
        }

        foreach (var office in listed)
        {
            locations[office.Id] = new GeoPoint(office.Latitude, office.Longitude);
        }

        return locations;
    }

    private async Task PrintSummaryAsync(RunSummary s, IReadOnlyList<string> files)
    {
        var all = s.Latency["all"];
        var book = s.Latency["book"];
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"""
            applicants: {string.Join(", ", s.ApplicantOutcomes.Select(kv => $"{kv.Key} {kv.Value}"))}
            requests: {s.Throughput.Requests} ({s.Throughput.RequestsPerSecond:0.0}/s, peak {s.Throughput.PeakRequestsPerSecond}/s, {s.Throughput.Retries} retries); bookings {s.Throughput.Bookings}
            latency all: p50 {all.P50Ms:0.0} ms, p90 {all.P90Ms:0.0} ms, p99 {all.P99Ms:0.0} ms, max {all.MaxMs:0.0} ms; book: p50 {book.P50Ms:0.0} ms, p99 {book.P99Ms:0.0} ms
            served within {s.Service.NearHomeKm:0} km by {s.Service.DeadlineDate}: {s.Service.ShareNearBeforeDeadline:0.0%}
            """));
        if (s.Audit is not null)
        {
            foreach (var c in s.Audit.Checks)
            {
                await output.WriteLineAsync($"audit {c.Name}: {c.Status} ({c.Checked} checked, {c.Violations} violations){(c.Note is null ? "" : " - " + c.Note)}");
                foreach (var d in c.Details.Take(5))
                {
                    await output.WriteLineAsync($"    {d}");
                }
            }

            await output.WriteLineAsync(s.Audit.Passed ? "AUDIT PASSED" : "AUDIT FAILED");
        }

        foreach (var f in files)
        {
            await output.WriteLineAsync($"wrote {f}");
        }
    }
}
