using System.Globalization;
using System.Security.Cryptography;
using Scheduler.LoadTests.Applicants;
using Scheduler.LoadTests.Arrivals;
using Scheduler.LoadTests.Audit;
using Scheduler.LoadTests.Cli;
using Scheduler.LoadTests.Contract;
using Scheduler.LoadTests.Fairness;
using Scheduler.LoadTests.Geography;
using Scheduler.LoadTests.Hosting;
using Scheduler.LoadTests.Http;
using Scheduler.LoadTests.Journeys;
using Scheduler.LoadTests.Measurement;
using Scheduler.LoadTests.Metrics;
using Scheduler.LoadTests.Preparation;
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

    private const string PrimingProcedure = "cpp-card-pickup";
    private const string FallbackPrimingProcedure = "cpp-biometrics";

    // The longest range one availability read may span (the API's limit).
    private const int AvailabilityRangeDays = 62;

    private int _firstFailureLogged;

    // The summary of the last run of a mode, for the side-by-side figures of --allocation both.
    private RunSummary? _lastSummary;

    public async Task<int> ExecuteAsync(CancellationToken interrupt)
    {
        if (options.Scenario == Rush.OpeningRush.Name)
        {
            // The waiting room's rush has journeys and figures of its own (see Rush/OpeningRush.cs).
            return await new Rush.OpeningRush(options, output, time).ExecuteAsync(interrupt);
        }

        Scenario scenario;
        try
        {
            scenario = ScenarioLoader.Load(options.Scenario).Rescaled(options.RateScale, options.DurationSeconds);
            if (options.Seed is { } seed)
            {
                scenario = scenario with { Seed = seed };
            }

            if (options.WarmupSeconds is { } warmup)
            {
                scenario = scenario with { WarmupSeconds = warmup };
            }

            if (options.MaxInFlight is { } cap)
            {
                scenario = scenario with { MaxInFlight = cap };
            }

            if (ScenarioLoader.Validate(scenario).ToList() is { Count: > 0 } problems)
            {
                throw new ScenarioException($"{scenario.Name} with the command line's overrides: {string.Join("; ", problems)}");
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

        if (options.AllocationModes.Count == 0)
        {
            return await RunModeAsync(scenario, repositoryRoot, outDirectory, null, interrupt);
        }

        // Each mode on fresh state: a target the tool starts is started anew for each (an embedded scheduler
        // with a new temporary database, a cluster with a service id of its own).
        var exit = ExitOk;
        var runs = new List<(string Directory, RunSummary Summary)>();
        foreach (var mode in options.AllocationModes)
        {
            var directory = options.AllocationModes.Count == 1 ? outDirectory : Path.Combine(outDirectory, mode);
            await output.WriteLineAsync($"allocation {mode}: report in {directory}");
            var code = await RunModeAsync(scenario, repositoryRoot, directory, mode, interrupt);
            exit = Math.Max(exit, code);
            if (_lastSummary is { } summary)
            {
                runs.Add((directory, summary));
            }

            if (code == ExitBadArguments || interrupt.IsCancellationRequested)
            {
                return code;
            }
        }

        if (runs.Count > 1)
        {
            // Every mode's report shows every mode's fairness figures side by side.
            var byMode = runs.Where(r => r.Summary.Fairness?.Mode is not null).ToDictionary(r => r.Summary.Fairness!.Mode!, r => r.Summary.Fairness!, StringComparer.Ordinal);
            foreach (var (directory, summary) in runs)
            {
                ReportWriter.WriteAll(summary with { FairnessByMode = byMode }, directory);
            }

            foreach (var line in FairnessReport.Lines(byMode))
            {
                await output.WriteLineAsync(line);
            }
        }

        return exit;
    }

    private async Task<int> RunModeAsync(Scenario scenario, string? repositoryRoot, string outDirectory, string? mode, CancellationToken interrupt)
    {
        _lastSummary = null;
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
            if (options.PrimeSeconds > 0)
            {
                var prime = Priming(scenario, options.PrimeSeconds);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"priming: {prime.DurationSeconds:0} s of {prime.Procedure} journeys at {prime.Rate[0].PerSecond:0.#}/s before {scenario.Name}; not part of its figures"));
                await RunAgainstAsync(prime, target, Path.Combine(outDirectory, "prime"), audit: false, mode: null, interrupt);
                if (interrupt.IsCancellationRequested)
                {
                    await output.WriteLineAsync("interrupted while priming");
                    return ExitBadArguments;
                }
            }

            return await RunAgainstAsync(scenario, target, outDirectory, audit: !options.SkipAudit, mode, interrupt);
        }
    }

    /// <summary>
    /// The priming run before <paramref name="scenario"/>: its applicants and journeys, but for another
    /// procedure (separate day inventories, so no seat the scenario wants is taken), other people (another
    /// seed), at a steady half of its peak rate (5 to 100 per second), with no warm-up window of its own,
    /// and without the scenario's <c>prepare</c> section (that is for the measured run's procedure).
    /// </summary>
    public static Scenario Priming(Scenario scenario, double seconds)
    {
        var rate = Math.Clamp(scenario.Rate.Max(r => r.PerSecond) / 2, 5, 100);
        return scenario with
        {
            Name = $"{scenario.Name}-prime",
            Procedure = scenario.Procedure == PrimingProcedure ? FallbackPrimingProcedure : PrimingProcedure,
            Seed = unchecked((scenario.Seed * 31) + 7),
            DurationSeconds = seconds,
            WarmupSeconds = 0,
            Rate = [new RatePoint(0, rate), new RatePoint(seconds, rate)],
            Prepare = null,
        };
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
            if (repositoryRoot is null)
            {
                throw new TargetUnavailableException("--embedded needs the repository checkout (Scheduler.sln) above the working directory");
            }

            return await EmbeddedScheduler.StartAsync(Path.Combine(outDirectory, "server.log"), startup, time, Status, ct, options.Postgres);
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

        return new RunningTarget(options.Urls, options.Token, options.WatchPids.Select(ProcessFinder.ByPid).ToList());
    }

    private async Task<int> RunAgainstAsync(Scenario scenario, ITarget target, string outDirectory, bool audit, string? mode, CancellationToken interrupt)
    {
        Directory.CreateDirectory(outDirectory);
        var startedAt = time.GetUtcNow();
        var runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var today = LimaCalendar.Today(time);
        var deadline = today.AddDays(scenario.DeadlineDaysAhead);
        var clock = new RunClock(time);
        var recorder = new RunRecorder();
        var ledger = new BookingLedger();
        var sellouts = new SelloutTracker();

        // Keep-alive connections, a bounded pool per front door (requests beyond it wait in the tool's
        // connection gate, and that wait counts as latency), nothing the tool does not need (proxy
        // lookup, cookies, redirects, decompression, trace headers).
        var connections = options.Connections ?? scenario.Client.MaxConnections;
        var gates = new ConnectionGates(connections);
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            ActivityHeadersPropagator = null,
        };
        using var http = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        var timeout = TimeSpan.FromSeconds(scenario.Client.RequestTimeoutSeconds);
        var client = new SchedulerApiClient(invoker, clock, recorder, timeout, gates);
        var quietClient = new SchedulerApiClient(invoker, clock, null, timeout, gates);
        var retry = new RetryPolicy(scenario.Client);

        var catalog = OfficeCatalog.LoadShipped();
        var locations = await OfficeLocationsAsync(quietClient, target.BaseUris[0], scenario, catalog, interrupt);
        if (scenario.Applicants.TargetOfficeId is { } hot && !locations.ContainsKey(hot))
        {
            await output.WriteLineAsync($"warning: the target does not list office '{hot}'");
        }

        IReadOnlyList<CapacityRaised> prepared;
        try
        {
            // Before the first scrape: what re-planning the days writes is not the arrivals' work. A change
            // over weeks of days re-plans each of them: more than a booking's time-out.
            var operatorClient = new SchedulerApiClient(invoker, clock, null, TimeSpan.FromSeconds(120), gates);
            prepared = await CapacityPreparation.ApplyAsync(operatorClient, target.BaseUris[0], target.OperatorToken, scenario, today, interrupt);
        }
        catch (PreparationException e)
        {
            await output.WriteLineAsync($"error: {e.Message}");
            return ExitBadArguments;
        }

        foreach (var raise in prepared)
        {
            await output.WriteLineAsync($"prepare: raised {raise.Describe()}");
        }

        var farRule = new FarRule(catalog.Offices, scenario.Allocation.FarFromCapitalKm);
        AllocationSetup? allocation = null;
        if (mode is not null)
        {
            try
            {
                var operatorClient = new SchedulerApiClient(invoker, clock, null, TimeSpan.FromSeconds(120), gates);
                var reserveShare = options.NoReserves ? (double?)null : ReserveSizing.ShareFor(scenario, catalog.Offices, farRule);
                allocation = await AllocationPreparation.ApplyAsync(operatorClient, target.BaseUris[0], target.OperatorToken, scenario, mode, reserveShare, deadline, interrupt);
            }
            catch (PreparationException e)
            {
                await output.WriteLineAsync($"error: {e.Message}");
                return ExitBadArguments;
            }

            await output.WriteLineAsync($"allocation: {allocation.Describe()}");
        }

        var (metricsBefore, metricsNote) = await MetricsScraper.ScrapeAsync(http, target.MetricsUris, interrupt);

        var curve = new ArrivalCurve(scenario.Rate, scenario.DurationSeconds);
        var arrivals = ArrivalSchedule.Generate(curve, scenario.ArrivalProcess, new Random(scenario.Seed));
        recorder.SetOffered(ArrivalSchedule.PerSecond(arrivals, scenario.DurationSeconds));
        recorder.SteadyFrom = scenario.WarmupSeconds;
        var placer = new ApplicantPlacer(catalog.Offices, scenario.Applicants.ScatterKm);
        var factory = new ApplicantFactory(placer, scenario.Applicants, scenario.Seed + 1, options.BotShare, scenario.Allocation.BotsPerOperator, farRule);
        var finalBatch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (mode != AllocationMode.Batch)
        {
            finalBatch.SetResult();
        }

        var context = new JourneyContext(scenario, client, retry, recorder, ledger, sellouts, locations, today, runId)
        {
            Mode = mode,
            FinalBatch = finalBatch.Task,
            CapitalOffices = catalog.Offices
                .Where(o => !farRule.IsFar(o.Location) && locations.ContainsKey(o.Id))
                .Select(o => o.Id)
                .ToList(),

            // Scripts never give up: they keep going until the run ends, a while after the last arrival.
            BotsStopAt = scenario.DurationSeconds + scenario.Allocation.BotsKeepOnSeconds,
            DirectPicks = scenario.Applicants.Journey == ApplicantBehaviour.DirectBook
                ? await DirectPicksAsync(quietClient, target.BaseUris[0], scenario, prepared, today, interrupt)
                : [],
        };
        var service = new ServiceTally(SummaryBuilder.IsoDate(deadline));
        var fairness = new FairnessTally(SummaryBuilder.IsoDate(deadline));

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"scenario {scenario.Name}: {arrivals.Length} arrivals over {scenario.DurationSeconds:0} s (peak {scenario.Rate.Max(r => r.PerSecond):0.#}/s) against {target.Description}; report in {outDirectory}"));

        var watched = target.Processes().ToList();
        if (options.WatchPgDirectory is { } pgDirectory)
        {
            if (ProcessFinder.PostgreSql(pgDirectory) is { } postgres)
            {
                watched.Add(postgres);
            }
            else
            {
                await output.WriteLineAsync($"warning: no PostgreSQL runs from {pgDirectory} (postmaster.pid); not watched");
            }
        }

        await using var watch = new ProcessWatch(watched, TimeSpan.FromSeconds(1));
        if (watched.Count > 0)
        {
            await output.WriteLineAsync($"watching: load tool, {string.Join(", ", watched.Select(w => w.Name))}");
        }

        using var journeysCancel = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        using var progressStop = new CancellationTokenSource();
        var phase = "arrivals";
        var liveTable = LiveProgress.CanUseLiveTable(options.PlainProgress);
        var progress = LiveProgress.RunAsync(
            () =>
            {
                // Figures of the last full second (cheap: no merging of the run's histograms).
                var now = clock.Now;
                var (launched, requests, _) = recorder.LastFullSecond(now);
                var timeline = recorder.Timeline();
                var last = (int)Math.Floor(now) - 1;
                var latency = last >= 0 && last < timeline.Count ? timeline[last].Latency : null;
                return new ProgressSnapshot(phase, now, scenario.DurationSeconds, now <= scenario.DurationSeconds ? curve.RateAt(now) : 0,
                    launched, requests, recorder.InFlight, recorder.Dropped, recorder.ApplicantOutcomes, latency?.PercentileMs(50) ?? 0, latency?.PercentileMs(99) ?? 0);
            },
            liveTable,
            output,
            progressStop.Token);

        clock.Restart();
        using var wheel = new TickWheel(clock, TimeSpan.FromMilliseconds(1));
        clock.UseWheel(wheel);
        client.ShareTimeouts(journeysCancel.Token);
        watch.StartWindow();
        using var batchesStop = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        var operatorRun = new SchedulerApiClient(invoker, clock, null, TimeSpan.FromSeconds(120), gates);
        using var batches = mode == AllocationMode.Batch
            ? new BatchDriver(operatorRun, target.BaseUris[0], target.OperatorToken!, scenario.Procedure, clock)
            : null;
        var batchLoop = batches?.RunEveryAsync(scenario.Allocation.BatchEverySeconds, batchesStop.Token) ?? Task.CompletedTask;
        var releases = scenario.Prepare?.Releases is { Count: > 0 }
            ? new SeatReleases(operatorRun, target.BaseUris[0], target.OperatorToken!, scenario, today, clock,
                batches is { } batchDriver ? () => batchDriver.RunOnceAsync(CancellationToken.None) : null, line => output.WriteLine(line))
            : null;
        var releaseLoop = releases?.RunAsync(interrupt) ?? Task.CompletedTask;
        var driver = new OpenModelDriver(clock, recorder, scenario.MaxInFlight);
        var nextTarget = 0;
        var running = await driver.RunAsync(
            arrivals,
            at =>
            {
                var applicant = factory.Next();
                var baseUri = target.BaseUris[nextTarget++ % target.BaseUris.Count];
                return () => RunApplicantAsync(context, applicant, baseUri, at, service, fairness, journeysCancel.Token);
            },
            interrupt);

        await releaseLoop;
        if (batches is not null)
        {
            // The last batch after the last arrival; then whoever is still waiting reads the outcome once more.
            await batchesStop.CancelAsync();
            await batchLoop;
            if (!interrupt.IsCancellationRequested)
            {
                await batches.RunOnceAsync(CancellationToken.None);
                await output.WriteLineAsync($"batches: {batches.Describe()}");
            }
        }

        finalBatch.TrySetResult();

        watch.EndWindow();
        string? interrupted = interrupt.IsCancellationRequested ? "interrupted during arrivals" : null;
        phase = "draining";
        var drainLimit = TimeSpan.FromSeconds(scenario.Applicants.PatienceSeconds.Max + (2 * scenario.Client.RequestTimeoutSeconds) + 30);
        var all = running.Drained;
        if (interrupt.IsCancellationRequested)
        {
            wheel.ReleaseAll();
        }

        if (await Task.WhenAny(all, Task.Delay(drainLimit, CancellationToken.None)) != all)
        {
            interrupted ??= $"applicants still running {drainLimit.TotalSeconds:0} s after the last arrival were cut off";
            await journeysCancel.CancelAsync();
            wheel.ReleaseAll();
            await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None));
        }

        clock.UseWheel(null);

        var wallSeconds = clock.Now;
        await progressStop.CancelAsync();
        await progress;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"arrivals done in {wallSeconds:0.0} s; {ledger.Count} bookings acknowledged"));

        var (metricsAfter, afterNote) = await MetricsScraper.ScrapeAsync(http, target.MetricsUris, CancellationToken.None);
        var server = metricsBefore is not null && metricsAfter is not null
            ? ServerMetrics.Compare(metricsBefore, metricsAfter) with { Note = metricsNote ?? afterNote }
            : ServerMetrics.Unavailable(metricsNote ?? afterNote ?? "no /metrics");

        AuditResult? auditResult = null;
        string? auditSkipped = null;
        if (!audit)
        {
            auditSkipped = options.SkipAudit ? "--skip-audit" : "priming run";
        }
        else
        {
            await output.WriteLineAsync($"auditing {ledger.Count} bookings...");
            var collector = new AuditCollector(quietClient, retry, target.BaseUris[0], target.OperatorToken, scenario.Procedure);
            auditResult = Auditor.Audit(await collector.CollectAsync(ledger, CancellationToken.None));
        }

        var resources = watch.Figures();
        var summary = SummaryBuilder.Build(
            new RunConfiguration(scenario, options.RateScale, target.Description, target.BaseUris.Select(u => u.ToString()).ToList(),
                SummaryBuilder.IsoDate(today), SummaryBuilder.IsoDate(deadline), runId),
            startedAt,
            time.GetUtcNow(),
            new ArrivalFigures(curve.ExpectedTotal, arrivals.Length, recorder.Launched, recorder.Dropped, recorder.PeakInFlight),
            recorder,
            service,
            sellouts,
            server,
            auditResult,
            auditSkipped,
            wallSeconds,
            interrupted) with
        {
            Resources = resources,
            Preparation = prepared,
            Allocation = allocation,
            Batches = batches?.Figures(),
            Releases = releases?.Done ?? [],
            Fairness = fairness.ToFigures((int)recorder.Dropped, mode, allocation?.ReserveShare is not null, farRule.FarKm),
        };
        _lastSummary = summary;
        var files = ReportWriter.WriteAll(summary, outDirectory);
        await PrintSummaryAsync(summary, files);
        return auditResult is { Passed: false } ? ExitAuditFailed : ExitOk;
    }

    private async Task RunApplicantAsync(
        JourneyContext context, VirtualApplicant applicant, Uri baseUri, double at, ServiceTally service, FairnessTally fairness, CancellationToken ct)
    {
        ApplicantResult result;
        try
        {
            result = applicant.BotOperator is not null ? await new BotJourney(context, applicant, baseUri, at).RunAsync(ct)
                : context.IsBatch ? await new RequestJourney(context, applicant, baseUri, at).RunAsync(ct)
                : await new ApplicantJourney(context, applicant, baseUri, at).RunAsync(ct);
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

        result = result with { IsBot = applicant.BotOperator is not null, HomeFar = applicant.HomeFar };
        service.Add(result);
        fairness.Add(result);
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
        var listed = response.IsSuccess ? response.Read(ApiJson.Default.ListOfficeView) : null;
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

    /// <summary>
    /// The seats <c>direct-book</c> applicants choose their first request among: the first <c>directOpenDays</c>
    /// open days at the target office, each with its first slot (or no slot, with <c>directStart</c>
    /// <c>earliest-free</c>). The days come from what the scenario's capacity raise opened there; without one,
    /// a single day is the first open day of the office's hours and holidays (sold out or not), and several
    /// are the days its availability shows with a free seat.
    /// </summary>
    private async Task<IReadOnlyList<SlotPick>> DirectPicksAsync(
        SchedulerApiClient client, Uri baseUri, Scenario scenario, IReadOnlyList<CapacityRaised> prepared, DateOnly today, CancellationToken ct)
    {
        var behaviour = scenario.Applicants;
        var officeId = behaviour.TargetOfficeId!;
        var from = today.AddDays(behaviour.SearchFromDaysAhead);
        var localNow = LimaCalendar.NowText(time);
        var opened = prepared
            .Where(p => p.OfficeId == officeId && p.Request.Procedure == scenario.Procedure)
            .SelectMany(p => p.Opened)
            .Select(d => (d.Date, d.FirstStart))
            .ToList();
        string source;
        IReadOnlyList<SlotPick> picks;
        if (opened.Count > 0)
        {
            picks = SlotChooser.FirstOpenDays(opened, officeId, from, localNow, behaviour.DirectOpenDays);
            source = "opened by the capacity raise";
        }
        else if (behaviour.DirectOpenDays == 1)
        {
            picks = await FirstPickAsync(client, baseUri, scenario, today, ct) is { } first ? [first] : [];
            source = "the first open day";
        }
        else
        {
            var to = from.AddDays(AvailabilityRangeDays - 1);
            var response = await client.SendAsync(
                RequestKind.Availability,
                SchedulerApiClient.Availability(baseUri, officeId, scenario.Procedure, SummaryBuilder.IsoDate(from), SummaryBuilder.IsoDate(to)),
                client.Clock.Now,
                ct);
            var view = response.IsSuccess ? response.Read(ApiJson.Default.AvailabilityView) : null;
            picks = view is null ? [] : SlotChooser.FirstOpenDays(SlotChooser.FreeDays(view), officeId, from, localNow, behaviour.DirectOpenDays);
            source = "with a free seat in its availability";
        }

        if (behaviour.DirectStart == ApplicantBehaviour.EarliestFreeSlot)
        {
            picks = picks.Select(p => p with { Start = null }).ToList();
        }

        var seat = behaviour.DirectStart == ApplicantBehaviour.EarliestFreeSlot ? "no start (the day's earliest free slot)" : "the day's first slot";
        await output.WriteLineAsync(picks.Count switch
        {
            0 => $"warning: found no open day at {officeId} from {SummaryBuilder.IsoDate(from)}; direct-book applicants will find nothing",
            1 => $"direct-book: everyone asks first for {officeId} {picks[0].Date}, {seat} ({source})",
            _ => $"direct-book: each applicant asks first for one of {picks.Count} days at {officeId} ({picks[0].Date}..{picks[^1].Date}, {source}), chosen uniformly, {seat}",
        });
        if (picks.Count is > 0 && picks.Count < behaviour.DirectOpenDays)
        {
            await output.WriteLineAsync($"warning: directOpenDays is {behaviour.DirectOpenDays} but only {picks.Count} open days were found");
        }

        return picks;
    }

    /// <summary>
    /// The earliest slot of the first open day at the target office (from its opening hours and holidays,
    /// sold out or not); when the profile cannot be read, the earliest free slot that its availability shows.
    /// </summary>
    private async Task<SlotPick?> FirstPickAsync(SchedulerApiClient client, Uri baseUri, Scenario scenario, DateOnly today, CancellationToken ct)
    {
        var officeId = scenario.Applicants.TargetOfficeId!;
        var from = today.AddDays(scenario.Applicants.SearchFromDaysAhead);
        var profile = await client.SendAsync(
            RequestKind.Search, () => new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, $"api/v1/offices/{Uri.EscapeDataString(officeId)}")), client.Clock.Now, ct);
        var pick = profile.IsSuccess && profile.Read(ApiJson.Default.OfficeProfileView) is { } office
            ? SlotChooser.FirstOpenSlot(office, from, LimaCalendar.NowText(time))
            : null;
        if (pick is null)
        {
            var to = from.AddDays(scenario.Applicants.AvailabilityWindowDays - 1);
            var response = await client.SendAsync(
                RequestKind.Availability,
                SchedulerApiClient.Availability(baseUri, officeId, scenario.Procedure, SummaryBuilder.IsoDate(from), SummaryBuilder.IsoDate(to)),
                client.Clock.Now,
                ct);
            var view = response.IsSuccess ? response.Read(ApiJson.Default.AvailabilityView) : null;
            pick = view is null
                ? null
                : SlotChooser.FromAvailability(view with { OfficeId = officeId }, SummaryBuilder.IsoDate(from), 0, "earliest", new Random(scenario.Seed), new HashSet<string>(), LimaCalendar.NowText(time));
        }

        return pick;
    }

    private async Task PrintSummaryAsync(RunSummary s, IReadOnlyList<string> files)
    {
        foreach (var line in s.Booking?.Lines() ?? [])
        {
            await output.WriteLineAsync(line);
        }

        var all = s.Latency["all"];
        var book = s.Latency["book"];
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"""
            applicants: {string.Join(", ", s.ApplicantOutcomes.Select(kv => $"{kv.Key} {kv.Value}"))}
            requests: {s.Throughput.Requests} ({s.Throughput.RequestsPerSecond:0.0}/s, peak {s.Throughput.PeakRequestsPerSecond}/s, {s.Throughput.Retries} retries); bookings {s.Throughput.Bookings}
            latency all: p50 {all.P50Ms:0.0} ms, p90 {all.P90Ms:0.0} ms, p99 {all.P99Ms:0.0} ms, max {all.MaxMs:0.0} ms; book: p50 {book.P50Ms:0.0} ms, p99 {book.P99Ms:0.0} ms (201: p99 {s.Latency["book/ok"].P99Ms:0.0} ms, 409 slot-full: p99 {s.Latency["book/slot-full"].P99Ms:0.0} ms)
            served within {s.Service.NearHomeKm:0} km by {s.Service.DeadlineDate}: {s.Service.ShareNearBeforeDeadline:0.0%}
            steady window ({s.SteadyFromSeconds:0}-{s.Throughput.ArrivalWindowSeconds:0} s): answered {s.Throughput.WindowAnsweredPerSecond:0}/s, booking decisions (201/409) {s.Throughput.WindowBookDecisionsPerSecond:0}/s, searches+availability {s.Throughput.WindowQueriesPerSecond:0}/s
            """));
        if (s.SteadyFromSeconds > 0)
        {
            var sAll = s.SteadyLatency["all"];
            var sBook = s.SteadyLatency["book"];
            var sSearch = s.SteadyLatency["search"];
            var sDays = s.SteadyLatency["availability"];
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"steady latency (requests meant to start after {s.SteadyFromSeconds:0} s): all p50 {sAll.P50Ms:0.0} ms, p99 {sAll.P99Ms:0.0} ms; book p50 {sBook.P50Ms:0.0} ms, p99 {sBook.P99Ms:0.0} ms (201 p99 {s.SteadyLatency["book/ok"].P99Ms:0.0} ms, 409 p99 {s.SteadyLatency["book/slot-full"].P99Ms:0.0} ms); search p99 {sSearch.P99Ms:0.0} ms; availability p99 {sDays.P99Ms:0.0} ms"));
        }
        if (s.Resources is { } r)
        {
            if (r.Machine is { } m)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"machine: {m.Cores} cores, {m.BusyCores:0.00} busy during the window ({m.OtherCores:0.00} by other processes); load average {m.LoadAverageBefore:0.00} before, {m.LoadAverageAfter:0.00} after"));
            }

            foreach (var p in r.Processes)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {p.Name}: {p.Cores:0.00} cores ({p.CpuSeconds:0.0} CPU s), peak RSS {p.PeakRssMb:0} MB"));
            }
        }

        if (s.Fairness is { } fairness && (fairness.Mode is not null || fairness.BotArrivals > 0))
        {
            foreach (var line in FairnessReport.Lines(new Dictionary<string, FairnessFigures> { [fairness.Mode ?? "as configured"] = fairness }))
            {
                await output.WriteLineAsync(line);
            }
        }

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
