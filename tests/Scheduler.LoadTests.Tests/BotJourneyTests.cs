using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Scheduler.LoadTests.Applicants;
using Scheduler.LoadTests.Audit;
using Scheduler.LoadTests.Contract;
using Scheduler.LoadTests.Fairness;
using Scheduler.LoadTests.Geography;
using Scheduler.LoadTests.Http;
using Scheduler.LoadTests.Journeys;
using Scheduler.LoadTests.Measurement;
using Scheduler.LoadTests.Scenarios;

namespace Scheduler.LoadTests.Tests;

/// <summary>
/// Slot-grabbing scripts (<c>--bots</c>) and batch-mode requests against a scripted stand-in for the scheduler's
/// routes: what they send, in what order, and how they obey <c>Retry-After</c>.
/// </summary>
public sealed class BotJourneyTests
{
    private static readonly Uri Target = new("http://127.0.0.1:5080/");
    private static readonly DateOnly Today = new(2026, 11, 27);
    private static readonly OfficeSite Brena = new("lim-brena", "Brena", "headquarters", "Lima", "Lima", new GeoPoint(-12.0586, -77.0496), 24, 19);

    private const string Offer = """[{"officeId":"lim-brena","officeName":"Brena","department":"Lima","distanceKm":3.2,"date":"2026-11-30","start":"08:20","end":"08:40","free":1}]""";
    private const string Booked = """{"code":"BOT001","status":"booked","procedure":"cpp-biometrics","officeId":"lim-brena","date":"2026-11-30","start":"08:20","end":"08:40","filedInTime":true}""";
    private const string SlotFull = """{"type":"https://scheduler/problems/slot-full","title":"Slot full","status":409}""";
    private const string RateLimited = """{"type":"https://scheduler/problems/rate-limited","title":"Too many requests","status":429}""";

    [Fact]
    public async Task A_bot_polls_until_a_seat_shows_and_books_it_at_once()
    {
        var searches = 0;
        var scheduler = new ScriptedScheduler(r => r.Path switch
        {
            "/api/v1/availability/earliest" => Interlocked.Increment(ref searches) <= 3 ? Json(HttpStatusCode.OK, "[]") : Json(HttpStatusCode.OK, Offer),
            "/api/v1/appointments" => Json(HttpStatusCode.Created, Booked),
            _ => Json(HttpStatusCode.NotFound, "{}"),
        });
        var context = Context(scheduler, AllocationMode.FirstCome);

        var result = await new BotJourney(context, Identity(1, botOperator: 0), Target, 0).RunAsync(CancellationToken.None);

        Assert.Equal(JourneyOutcome.Booked, result.Outcome);
        Assert.True(result.IsBot);
        Assert.Equal(["GET /api/v1/availability/earliest", "GET /api/v1/availability/earliest", "GET /api/v1/availability/earliest", "GET /api/v1/availability/earliest", "POST /api/v1/appointments"],
            scheduler.Requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.Contains("\"officeId\":\"lim-brena\"", scheduler.Requests[^1].Body, StringComparison.Ordinal);
        Assert.Contains("\"start\":\"08:20\"", scheduler.Requests[^1].Body, StringComparison.Ordinal);
        Assert.Contains("radiusKm=1500", scheduler.Requests[0].Query, StringComparison.Ordinal);
        var seat = Assert.Single(context.Ledger.Entries);
        Assert.Equal(("BOT001", "2026-11-30", "booked"), (seat.Code, seat.Date, seat.Source));
    }

    [Fact]
    public async Task A_429_holds_every_identity_of_the_operator_back_for_its_Retry_After()
    {
        var refusedAt = double.NaN;
        var clock = new RunClock(TimeProvider.System);
        var scheduler = new ScriptedScheduler(r =>
        {
            if (double.IsNaN(refusedAt))
            {
                refusedAt = clock.Now;
                var refused = Json((HttpStatusCode)429, RateLimited);
                refused.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
                return refused;
            }

            return r.Path == "/api/v1/appointments" ? Json(HttpStatusCode.Created, Booked) : Json(HttpStatusCode.OK, Offer);
        }, clock);
        var context = Context(scheduler, AllocationMode.FirstCome, clock);

        // Two identities of operator 7: the first is refused; the second starts 0.2 s later and must wait too.
        var first = new BotJourney(context, Identity(1, botOperator: 7), Target, 0).RunAsync(CancellationToken.None);
        await Task.Delay(200);
        var second = new BotJourney(context, Identity(2, botOperator: 7), Target, 0.2).RunAsync(CancellationToken.None);
        await Task.WhenAll(first, second);

        Assert.All(scheduler.Requests.Skip(1), r => Assert.True(r.At >= refusedAt + 1, $"{r.Method} {r.Path} at {r.At:0.000} s, refused at {refusedAt:0.000} s"));
        Assert.Single(scheduler.Requests.Select(r => r.ForwardedFor).Distinct());
        Assert.StartsWith("100.64.", scheduler.Requests[0].ForwardedFor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slot_full_sends_a_bot_straight_back_to_polling_until_the_run_ends()
    {
        var scheduler = new ScriptedScheduler(r => r.Path == "/api/v1/appointments" ? Json(HttpStatusCode.Conflict, SlotFull) : Json(HttpStatusCode.OK, Offer));
        var clock = new RunClock(TimeProvider.System);
        // 3 s for at least 3 attempts: at the 0.1 s floor between requests a bot makes about 15; the margin is for a
        // machine busy with other tests (1 s once gave 1 attempt there).
        var context = Context(scheduler, AllocationMode.FirstCome, clock) with { BotsStopAt = clock.Now + 3.0 };

        var result = await new BotJourney(context, Identity(1, botOperator: 0), Target, 0).RunAsync(CancellationToken.None);

        Assert.Equal(JourneyOutcome.GaveUp, result.Outcome);
        Assert.True(result.FinishedAtSeconds >= 3.0);
        Assert.True(result.BookingAttempts >= 3, $"{result.BookingAttempts} booking attempts in 3 s");
        var kinds = scheduler.Requests.Select(r => r.Path).ToList();
        Assert.All(Enumerable.Range(1, kinds.Count - 1), i => Assert.NotEqual(kinds[i - 1], kinds[i]));
        Assert.Empty(context.Ledger.Entries);
    }

    [Fact]
    public async Task In_batch_mode_a_bot_files_one_request_and_reads_it_until_it_is_assigned()
    {
        var reads = 0;
        var scheduler = new ScriptedScheduler(r => (r.Method, r.Path) switch
        {
            ("POST", "/api/v1/requests") => Json(HttpStatusCode.Accepted, """{"id":"rq-1","status":"open","decidesAt":"2026-11-27T15:31:00Z","filedAt":"2026-11-27T15:30:00Z","filedInTime":true}"""),
            ("GET", "/api/v1/requests/rq-1") => Interlocked.Increment(ref reads) < 3
                ? Json(HttpStatusCode.OK, """{"id":"rq-1","status":"open","filedInTime":true}""")
                : Json(HttpStatusCode.OK, """{"id":"rq-1","status":"assigned","filedInTime":true,"appointment":{"officeId":"lim-brena","date":"2026-11-30","start":"08:20"},"code":"BOT001"}"""),
            _ => Json(HttpStatusCode.NotFound, "{}"),
        });
        var context = Context(scheduler, AllocationMode.Batch) with { FinalBatch = new TaskCompletionSource().Task };
        var bot = Identity(1, botOperator: 0);

        var result = await new BotJourney(context, bot, Target, 0).RunAsync(CancellationToken.None);

        Assert.Equal((JourneyOutcome.Assigned, "rq-1", true), (result.Outcome, result.RequestId, result.FiledInTime));
        Assert.Equal("2026-11-30", result.Date);
        var filed = scheduler.Requests[0];
        Assert.Equal(("POST", "/api/v1/requests"), (filed.Method, filed.Path));
        Assert.Contains("\"radiusKm\":120", filed.Body, StringComparison.Ordinal);
        Assert.Contains("\"from\":\"2026-11-27\",\"to\":\"2026-12-04\"", filed.Body, StringComparison.Ordinal);
        Assert.Equal(3, scheduler.Requests.Count(r => r.Path == "/api/v1/requests/rq-1" && r.DocumentNumber == bot.DocumentNumber));
        var seat = Assert.Single(context.Ledger.Entries);
        Assert.Equal(("BOT001", "lim-brena", "2026-11-30", "08:20", "assigned", bot.DocumentNumber), (seat.Code, seat.OfficeId, seat.Date, seat.Start, seat.Source, seat.DocumentNumber));
    }

    [Fact]
    public async Task A_person_whose_request_is_still_open_after_the_last_batch_reads_it_once_more_and_ends_unserved_but_in_time()
    {
        var lastBatch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // This clock's timers never fire: the person's first pause (1 s after filing) can only end by the last batch
        // cutting it short, so the test does not depend on how busy the machine is.
        var clock = new RunClock(new TimersNeverFire());
        var scheduler = new ScriptedScheduler(r => r.Method == "POST"
            ? Json(HttpStatusCode.Accepted, """{"id":"rq-9","status":"open","filedInTime":true}""")
            : Json(HttpStatusCode.OK, """{"id":"rq-9","status":"open","filedInTime":true}"""), clock);
        var context = Context(scheduler, AllocationMode.Batch, clock) with { FinalBatch = lastBatch.Task };

        var journey = Task.Run(() => new RequestJourney(context, Identity(5, botOperator: null), Target, 0).RunAsync(CancellationToken.None));
        while (scheduler.Requests.Count == 0)
        {
            await Task.Delay(10);
        }

        await Task.Delay(100);
        Assert.False(journey.IsCompleted, "the person waits for the next read");
        Assert.DoesNotContain(scheduler.Requests, r => r.Method == "GET");

        var batchAt = clock.Now;
        lastBatch.SetResult();
        var result = await journey.WaitAsync(TimeSpan.FromSeconds(30));

        // Nobody sleeps through the last batch's answer: the pause ended with the batch, then one more read.
        Assert.Equal((JourneyOutcome.StillOpen, false, true), (result.Outcome, result.IsBot, result.FiledInTime));
        Assert.Contains(scheduler.Requests, r => r.Method == "GET" && r.At >= batchAt);
        Assert.StartsWith("198.18.", scheduler.Requests[0].ForwardedFor, StringComparison.Ordinal);
    }

    /// <summary>Real elapsed time, but no timer ever fires: a wait on it ends only by something else.</summary>
    private sealed class TimersNeverFire : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Silent();

        private sealed class Silent : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    [Fact]
    public void A_bot_takes_the_earliest_offer_near_home_on_a_day_it_accepts_else_the_earliest_anywhere()
    {
        EarliestSlot Slot(string office, double km, string date, string start = "08:00", int free = 1) => new(office, null, null, km, date, start, null, free);
        var offers = new[]
        {
            Slot("far", 600, "2026-11-28"),
            Slot("late", 4, "2026-12-09"),
            Slot("full", 2, "2026-11-28", free: 0),
            Slot("near-b", 9, "2026-12-01", "09:00"),
            Slot("near-a", 5, "2026-12-01", "08:40"),
        };

        var morning = ("2026-11-27", "07:00");

        Assert.Equal("near-a", BotJourney.First(offers, Today, latestDaysAhead: 7, maxTravelKm: 120, morning)!.OfficeId);
        Assert.Equal("far", BotJourney.First(offers, Today, latestDaysAhead: 7, maxTravelKm: 1, morning)!.OfficeId);
        Assert.Equal("late", BotJourney.First(offers[..2], Today, latestDaysAhead: null, maxTravelKm: 120, morning)!.OfficeId);
        Assert.Null(BotJourney.First([offers[1]], Today, latestDaysAhead: 7, maxTravelKm: 120, morning));
    }

    [Fact]
    public void A_request_from_far_from_the_capital_names_the_offices_within_reach_and_the_capitals_one_from_near_it_a_radius()
    {
        var catalog = OfficeCatalog.LoadShipped();
        var context = Context(new ScriptedScheduler(_ => Json(HttpStatusCode.OK, "{}")), AllocationMode.Batch) with
        {
            OfficeLocations = catalog.Offices.ToDictionary(o => o.Id, o => o.Location),
            CapitalOffices = catalog.Offices.Where(o => o.Department == "Lima").Select(o => o.Id).ToList(),
        };
        var capital = catalog.Offices.Where(o => o.Department == "Lima").Select(o => o.Id).Order(StringComparer.Ordinal).ToList();

        var fromTrujillo = RequestJourney.Reach(context, catalog.Find("jz-trujillo")!.Location, 120)!;
        var fromCallao = RequestJourney.Reach(context, catalog.Find("mac-callao")!.Location, 120);

        Assert.Contains("jz-trujillo", fromTrujillo);
        Assert.Equal(capital, fromTrujillo.Where(capital.Contains).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("jz-arequipa", fromTrujillo);
        Assert.Null(fromCallao);
    }

    [Fact]
    public void With_a_trip_limit_a_request_names_only_the_capitals_offices_within_it_and_beyond_it_none()
    {
        var catalog = OfficeCatalog.LoadShipped();
        var rule = new FarRule(catalog.Offices, 100);
        var capitalArea = catalog.Offices.Where(o => !rule.IsFar(o.Location)).Select(o => o.Id).ToList();
        var plain = Context(new ScriptedScheduler(_ => Json(HttpStatusCode.OK, "{}")), AllocationMode.Batch);
        var context = plain with
        {
            Scenario = plain.Scenario with { Applicants = plain.Scenario.Applicants with { CapitalTripKm = 400 } },
            OfficeLocations = catalog.Offices.ToDictionary(o => o.Id, o => o.Location),
            CapitalOffices = capitalArea,
        };

        // Chimbote is about 360 km from Lima: the offices within 120 km (its own and Trujillo's) and the capital's area
        // (Callao's too); Trujillo, 480 km: a radius.
        var fromChimbote = RequestJourney.Reach(context, catalog.Find("jz-chimbote")!.Location, 120)!;
        var fromTrujillo = RequestJourney.Reach(context, catalog.Find("jz-trujillo")!.Location, 120);

        Assert.Equal(["jz-chimbote", "jz-trujillo", .. capitalArea.Order(StringComparer.Ordinal)], fromChimbote.Order(StringComparer.Ordinal));
        Assert.Contains("mac-callao", fromChimbote);
        Assert.Null(fromTrujillo);

        // First come, the same person: a seat in the capital's area within the trip, never beyond it nor elsewhere far away.
        Assert.True(context.Accepts("jz-trujillo", 110));
        Assert.True(context.Accepts("lim-brena", 390));
        Assert.False(context.Accepts("lim-brena", 480));
        Assert.False(context.Accepts("jz-ica", 250));
        Assert.True(plain.Accepts("jz-ica", 250));
    }

    [Fact]
    public void A_bot_passes_over_a_slot_that_has_begun_today()
    {
        EarliestSlot Slot(string office, string date, string start) => new(office, null, null, 3, date, start, null, 1);
        var offers = new[] { Slot("begun", "2026-11-27", "11:00"), Slot("later-today", "2026-11-27", "11:20"), Slot("tomorrow", "2026-11-28", "08:00") };

        Assert.Equal("later-today", BotJourney.First(offers, Today, 7, 120, ("2026-11-27", "11:00"))!.OfficeId);
        Assert.Equal("tomorrow", BotJourney.First(offers, Today, 7, 120, ("2026-11-27", "11:25"))!.OfficeId);
    }

    [Fact]
    public void A_share_of_arrivals_are_bots_pooled_by_operator_and_the_people_of_a_seed_stay_the_same()
    {
        var placer = new ApplicantPlacer(OfficeCatalog.LoadShipped().Offices, new Dictionary<string, double> { ["default"] = 10 });
        var behaviour = new ApplicantBehaviour();
        var withBots = new ApplicantFactory(placer, behaviour, 42, botShare: 0.25, botsPerOperator: 10, new FarRule(OfficeCatalog.LoadShipped().Offices, 100));
        var without = new ApplicantFactory(placer, behaviour, 42);

        var a = Enumerable.Range(0, 4000).Select(_ => withBots.Next()).ToList();
        var b = Enumerable.Range(0, 4000).Select(_ => without.Next()).ToList();

        var bots = a.Where(x => x.BotOperator is not null).ToList();
        Assert.InRange(bots.Count, 900, 1100);
        Assert.All(bots.GroupBy(x => x.BotOperator), pool => Assert.InRange(pool.Count(), 1, 10));
        Assert.Equal(bots.Count, bots.Select(x => x.DocumentNumber).Distinct().Count());
        Assert.Equal(b.Select(x => (x.DocumentNumber, x.Home)), a.Select(x => (x.DocumentNumber, x.Home)));
        Assert.All(a, x => Assert.Equal(x.HomeOffice.Department is not ("Lima" or "Callao"), x.HomeFar));
    }

    private static VirtualApplicant Identity(int id, int? botOperator) => new()
    {
        Id = id,
        HomeOffice = Brena,
        Home = Brena.Location.Offset(1, 2),
        DocumentType = "CPP",
        DocumentNumber = $"9000000{id}",
        Country = "VE",
        FullName = "Jose Rivas",
        PatienceSeconds = 60,
        KmPerDay = 6,
        WillRead = false,
        WillReschedule = false,
        WillCancel = false,
        Seed = id,
        BotOperator = botOperator,
    };

    private static JourneyContext Context(ScriptedScheduler scheduler, string mode, RunClock? clock = null)
    {
        var scenario = new Scenario
        {
            Name = "bots",
            Applicants = new ApplicantBehaviour { MaxTravelKm = 120, LatestDaysAhead = 7, AvailabilityWindowDays = 14 },
            Client = new ClientPolicy { BaseBackoffMs = 10, MaxBackoffMs = 40 },
        };
        var run = clock ?? new RunClock(TimeProvider.System);
        var client = new SchedulerApiClient(new HttpMessageInvoker(scheduler), run, new RunRecorder(), TimeSpan.FromSeconds(5));
        return new JourneyContext(scenario, client, new RetryPolicy(scenario.Client), new RunRecorder(), new BookingLedger(), new SelloutTracker(),
            new Dictionary<string, GeoPoint> { [Brena.Id] = Brena.Location }, Today, "test")
        {
            Mode = mode,
            BotsStopAt = run.Now + 10,
        };
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) => new(status)
    {
        Content = new StringContent(body, Encoding.UTF8, (int)status >= 400 ? "application/problem+json" : "application/json"),
    };

    /// <summary>Answers each request with the script's answer and records what came, when (run seconds) and from whom.</summary>
    private sealed class ScriptedScheduler(Func<(string Method, string Path), HttpResponseMessage> answer, RunClock? clock = null) : HttpMessageHandler
    {
        private readonly RunClock _clock = clock ?? new RunClock(TimeProvider.System);
        private readonly ConcurrentQueue<Sent> _requests = new();

        public IReadOnlyList<Sent> Requests => _requests.ToList();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            var uri = request.RequestUri!;
            _requests.Enqueue(new Sent(
                _clock.Now, request.Method.Method, uri.AbsolutePath, uri.Query, body,
                request.Headers.TryGetValues("X-Forwarded-For", out var f) ? f.Single() : null,
                request.Headers.TryGetValues("X-Document-Number", out var d) ? d.Single() : null));
            return answer((request.Method.Method, uri.AbsolutePath));
        }
    }

    private sealed record Sent(double At, string Method, string Path, string Query, string Body, string? ForwardedFor, string? DocumentNumber);
}
