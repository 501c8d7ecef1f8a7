using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Scheduler.LoadTests.Cli;
using Scheduler.LoadTests.Geography;
using Scheduler.LoadTests.Hosting;
using Scheduler.LoadTests.Measurement;
using Scheduler.LoadTests.Metrics;
using Scheduler.Testing;

namespace Scheduler.LoadTests.Rush;

/// <summary>
/// The <c>opening-rush</c> scenario: the waiting room at a programme's opening. 200,000 people (times
/// <c>--rate-scale</c>) arrive over the first minute (<c>--duration</c>), the first 5 s of them before the announced
/// opening; 10 % are scripts that poll as fast as they can and solve every challenge at once on a CPU of their own
/// (one core, so the scheduler keeps the other), from 50 addresses. People poll when the answer says to, and book
/// once admitted (any cpp-biometrics office, a date 7-40 days ahead, the day's earliest slot). After the arrivals the
/// room drains for as long again; then a 10 s closed-loop burst of polls over every ticket measures poll throughput.
/// Before the opening every office is asked for its availability (the scheduler has been up); during the rush the tool
/// samples the server's thread pool, request rate and the CPU of the tool, the scheduler and the rest of the machine
/// every 5 s, and the report adds the server's own request durations and histograms.
/// </summary>
public sealed class OpeningRush(RunOptions options, TextWriter output, TimeProvider time)
{
    public const string Name = "opening-rush";
    private const string Procedure = "cpp-biometrics";
    private const string PrimeProcedure = "cpp-card-pickup";
    private const int FullCrowd = 200_000;
    private const double BotShare = 0.10;
    private const int BotAddresses = 50;
    private const double OpeningAfterSeconds = 5;
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(10);

    /// <summary>The settings the embedded scheduler runs with (also what a hand-started one needs for the same run).</summary>
    public static IReadOnlyDictionary<string, string> SchedulerSettings(double admitPerSecond) => new Dictionary<string, string>
    {
        // People each have an address of their own, so only the scripts' addresses pass the free tickets per minute and
        // are challenged; the global-load trigger is off here (see docs/benchmarks.md: our own CPU would solve the crowd's challenges).
        ["Scheduler__Admission__ChallengeAboveWaiting"] = "1000000000",
        ["Scheduler__Admission__FreeTicketsPerMinutePerAddress"] = "3",
        ["Scheduler__Admission__MinDifficulty"] = "14",
        ["Scheduler__Admission__MaxDifficulty"] = "18",
        ["Scheduler__Admission__TokenLifetime"] = "00:10:00",
        ["Scheduler__Admission__AdmitPerSecond"] = admitPerSecond.ToString(CultureInfo.InvariantCulture),
        ["Scheduler__Admission__AutoOnBookingsPerSecond"] = "0",
    };

    public async Task<int> ExecuteAsync(CancellationToken interrupt)
    {
        var scale = options.RateScale;
        var arrivalSeconds = options.DurationSeconds ?? 60;
        var crowd = (int)Math.Round(FullCrowd * scale);
        var admitPerSecond = options.AdmitPerSecond ?? Math.Max(10, Math.Round(crowd / arrivalSeconds * 0.75));
        var outDirectory = Path.GetFullPath(options.OutDirectory ?? Path.Combine(RepositoryRoot.Find() ?? Environment.CurrentDirectory, "load-tests", "reports",
            $"{Name}-{time.GetLocalNow():yyyyMMdd-HHmmss}"));
        Directory.CreateDirectory(outDirectory);

        ITarget target;
        if (options.Embedded)
        {
            target = await EmbeddedScheduler.StartAsync(Path.Combine(outDirectory, "server.log"), TimeSpan.FromSeconds(options.StartupTimeoutSeconds), time,
                line => output.WriteLine(line), interrupt, options.Postgres, SchedulerSettings(admitPerSecond));
        }
        else
        {
            target = new RunningScheduler(options.Urls.Count > 0 ? options.Urls : [new Uri(RunOptions.DefaultUrl)], options.Token);
        }

        await using (target)
        {
            return await RunAsync(target, crowd, arrivalSeconds, admitPerSecond, outDirectory, interrupt);
        }
    }

    private async Task<int> RunAsync(ITarget target, int crowd, double arrivalSeconds, double admitPerSecond, string outDirectory, CancellationToken interrupt)
    {
        var baseUri = target.BaseUris[0];
        using var people = Client(baseUri, options.Connections ?? 512);
        // People's bookings on connections of their own: each person books from their own phone, so a booking must not
        // wait in the tool's pool behind other people's joins and polls (at the full crowd that queue was seconds long).
        using var bookings = Client(baseUri, 256);
        using var scripts = Client(baseUri, 64);
        if (target.OperatorToken is null)
        {
            await output.WriteLineAsync("error: opening-rush switches admission on through the operator API: give --token with --url");
            return 2;
        }

        var random = new Random(options.Seed ?? 15);
        var offices = OfficeCatalog.LoadShipped().Offices.Select(o => o.Id).ToArray();
        var persons = Crowd(random, crowd, arrivalSeconds, firstIndex: 0, botNet: 200);

        // An opening meets a scheduler that has been up: every office has asked its days for their seats once (a fresh process
        // activates every open day of every office in its first minute, which is not what an opening is about). An office's
        // availability answers only once that first round is done.
        var warming = Stopwatch.StartNew();
        await Task.WhenAll(offices.Select(async office =>
        {
            using var warm = await people.GetAsync($"/api/v1/offices/{office}/availability?procedure={Procedure}", interrupt);
        }));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"warm-up: every office's availability answered after {warming.Elapsed.TotalSeconds:0.0} s"));
        if (options.PrimeSeconds > 0 &&
            await PrimeAsync(target.OperatorToken, people, bookings, scripts, crowd / arrivalSeconds, admitPerSecond, offices, random, interrupt) is { } primeRefused)
        {
            await output.WriteLineAsync($"error: {primeRefused}");
            return 2;
        }

        // The server's own view (request durations per route) and where the CPU went: a booking's latency seen by the tool
        // includes the tool's own queueing on the same 2 cores, the server's histogram does not.
        var (metricsBefore, metricsNote) = await MetricsScraper.ScrapeAsync(people, target.MetricsUris, interrupt);
        await using var watch = new ProcessWatch(target.Processes(), TimeSpan.FromSeconds(1));
        watch.StartWindow();
        var clock = Stopwatch.StartNew();
        var startedAt = DateTimeOffset.UtcNow;
        var opening = startedAt.AddSeconds(OpeningAfterSeconds);
        if (await SwitchAdmissionAsync(people, target.OperatorToken, Procedure,
            new { enabled = true, openingAt = opening.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture), admitPerSecond }, interrupt) is { } refused)
        {
            await output.WriteLineAsync($"error: {refused}");
            return 2;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{Name}: {crowd:N0} people over {arrivalSeconds:0} s ({BotShare:P0} scripts from {BotAddresses} addresses), opening at +{OpeningAfterSeconds:0} s, admission {admitPerSecond:0}/s; then {arrivalSeconds:0} s to drain"));
        var stopAt = arrivalSeconds * 2;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        stop.CancelAfter(TimeSpan.FromSeconds(stopAt + OpeningAfterSeconds));
        var solver = new SemaphoreSlim(1);
        var counters = new RushCounters();
        var progress = Task.Run(async () =>
        {
            var requestsBefore = 0.0;
            var schedulerPid = target.Processes().FirstOrDefault()?.Pid;
            var cpuBefore = (Tool: CpuSeconds(Environment.ProcessId), Scheduler: CpuSeconds(schedulerPid), Machine: MachineCpuSeconds());
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(5000, CancellationToken.None);
                // Cores each kept busy over these 5 s: the tool (people's journeys, scripts' polls and their solver), the
                // scheduler, and everyone else on the shared machine.
                var cpu = (Tool: CpuSeconds(Environment.ProcessId), Scheduler: CpuSeconds(schedulerPid), Machine: MachineCpuSeconds());
                var cores = string.Create(CultureInfo.InvariantCulture,
                    $"cores: tool {(cpu.Tool - cpuBefore.Tool) / 5:0.00}, scheduler {(cpu.Scheduler - cpuBefore.Scheduler) / 5:0.00}, others {((cpu.Machine - cpuBefore.Machine) - (cpu.Tool - cpuBefore.Tool) - (cpu.Scheduler - cpuBefore.Scheduler)) / 5:0.00}");
                cpuBefore = cpu;
                // The server's thread pool and its request rate: a pool whose queue grows is a booking that waits behind polls.
                var (samples, _) = await MetricsScraper.ScrapeAsync(people, target.MetricsUris, CancellationToken.None);
                var queued = samples?.Where(m => m.Name.Contains("thread_pool_queue_length", StringComparison.Ordinal)).Sum(m => m.Value) ?? 0;
                var threads = samples?.Where(m => m.Name.Contains("thread_pool_thread_count", StringComparison.Ordinal)).Sum(m => m.Value) ?? 0;
                var requests = samples?.Where(m => m.Name.StartsWith(ServerMetrics.HttpDurationPrefix, StringComparison.Ordinal) && m.Name.EndsWith("_count", StringComparison.Ordinal)).Sum(m => m.Value) ?? 0;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  +{clock.Elapsed.TotalSeconds:0} s: joined {persons.Count(p => p.JoinedAt is not null):N0}, admitted {persons.Count(p => p.AdmittedAt is not null):N0}, booked {persons.Count(p => p.BookingStatus == 201):N0}, polls {counters.Polls:N0} (429: {counters.PollsLimited:N0}); server: {(requests - requestsBefore) / 5:0} requests/s, thread pool {threads:0} threads, {queued:0} queued; {cores}"));
                requestsBefore = requests;
            }
        });

        await ArriveAsync(persons, clock, stop.Token, person =>
            JourneyAsync(Procedure, person, person.Bot ? scripts : people, person.Bot ? scripts : bookings, clock, startedAt, solver, counters, offices, random.Next(), stop.Token));
        await progress;
        var rushSeconds = clock.Elapsed.TotalSeconds;
        watch.EndWindow();
        var (metricsAfter, afterNote) = await MetricsScraper.ScrapeAsync(people, target.MetricsUris, CancellationToken.None);
        var server = metricsBefore is not null && metricsAfter is not null
            ? ServerMetrics.Compare(metricsBefore, metricsAfter) with { Note = metricsNote ?? afterNote }
            : ServerMetrics.Unavailable(metricsNote ?? afterNote ?? "no /metrics");

        // Poll throughput at saturation: closed loops over every ticket, as from many phones (each its own address).
        var tickets = persons.Where(p => p.Ticket is not null).Select(p => (p.Ticket!, p.Address)).ToArray();
        var burst = await PollBurstAsync(people, tickets, TimeSpan.FromSeconds(10), interrupt);

        // The scheduler's own histograms (booking, token spend, waiting-room transactions, day activations): where a booking's time went.
        var histograms = metricsBefore is null || metricsAfter is null ? [] : metricsAfter
            .Where(m => m.Name.StartsWith(ServerMetrics.SchedulerPrefix, StringComparison.Ordinal) && m.Name.EndsWith("_count", StringComparison.Ordinal))
            .Select(m => m.Name[..^"_count".Length])
            .Distinct()
            .Select(name => HistogramDelta.Between(metricsBefore, metricsAfter, name))
            .OfType<HistogramDelta>()
            .Where(h => h.Count > 0)
            .ToList();
        var report = RushReport.Build(persons, counters, rushSeconds, OpeningAfterSeconds, admitPerSecond, burst) with { Server = server, Resources = watch.Figures(), Histograms = histograms };
        var markdown = report.Markdown(target.Description, crowd, arrivalSeconds);
        await File.WriteAllLinesAsync(Path.Combine(outDirectory, "people.csv"),
            ["index,bot,early,arrives_at,joined_at,admitted_at,eta_at_join,polls,booking_sent_at,booking_ms,booking_status,failure",
             .. persons.Select(p => string.Create(CultureInfo.InvariantCulture,
                $"{p.Index},{p.Bot},{p.Early},{p.ArrivesAt:0.000},{p.JoinedAt:0.000},{p.AdmittedAt:0.000},{p.EtaAtJoin:0.0},{p.Polls},{p.BookingSentAt:0.000},{p.BookingMs:0.0},{p.BookingStatus},\"{p.Failure?.Replace('"', '\'')}\""))],
            CancellationToken.None);
        await File.WriteAllLinesAsync(Path.Combine(outDirectory, "estimates.csv"),
            ["index,bot,at,eta,admitted_at", .. persons.Where(p => p.AdmittedAt is not null).SelectMany(p => p.Estimates.Select(e =>
                string.Create(CultureInfo.InvariantCulture, $"{p.Index},{p.Bot},{e.At:0.000},{e.Eta:0.0},{p.AdmittedAt:0.000}")))],
            CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(outDirectory, "report.md"), markdown, CancellationToken.None);
        await output.WriteLineAsync(markdown);
        await output.WriteLineAsync($"report: {Path.Combine(outDirectory, "report.md")}");
        return 0;
    }

    /// <summary>
    /// <paramref name="count"/> arrivals over <paramref name="seconds"/>, a tenth of them scripts sharing
    /// <see cref="BotAddresses"/> addresses in 10.<paramref name="botNet"/>.0.0/24, everyone else an address of their own.
    /// </summary>
    private static RushPerson[] Crowd(Random random, int count, double seconds, int firstIndex, int botNet) => Enumerable.Range(firstIndex, count)
        .Select(i =>
        {
            var bot = random.NextDouble() < BotShare;
            var address = bot ? $"10.{botNet}.0.{random.Next(BotAddresses) + 1}" : $"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}";
            return new RushPerson(i, bot, address, random.NextDouble() * seconds);
        })
        .OrderBy(p => p.ArrivesAt)
        .ToArray();

    /// <summary>
    /// <c>--prime S</c>: the same journeys (joins, challenges, the scripts' flat-out polls, bookings) for another procedure
    /// (<see cref="PrimeProcedure"/>: its own waiting room and day inventories), at the rush's arrival rate for S seconds
    /// and drained for as long again, then its waiting room switched off. An opening meets a scheduler that has been
    /// serving for hours; a process started for the run compiles its hot paths in its first half minute under load
    /// (tiered JIT), which the rush's first windows would otherwise measure. Not part of the report's figures; other
    /// people (document numbers and addresses of their own) and other script addresses, so no per-address or per-document
    /// limit carries over.
    /// </summary>
    /// <returns>Null, or why the priming room could not be switched on or off.</returns>
    private async Task<string?> PrimeAsync(
        string token, HttpClient people, HttpClient bookings, HttpClient scripts, double arrivalsPerSecond, double admitPerSecond, string[] offices, Random random, CancellationToken interrupt)
    {
        var seconds = options.PrimeSeconds;
        var crowd = Crowd(random, (int)Math.Round(arrivalsPerSecond * seconds), seconds, firstIndex: 10_000_000, botNet: 201);
        if (await SwitchAdmissionAsync(people, token, PrimeProcedure,
            new { enabled = true, openingAt = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), admitPerSecond }, interrupt) is { } refused)
        {
            return refused;
        }

        var clock = Stopwatch.StartNew();
        var startedAt = DateTimeOffset.UtcNow;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        stop.CancelAfter(TimeSpan.FromSeconds(seconds * 2));
        var solver = new SemaphoreSlim(1);
        var counters = new RushCounters();
        await ArriveAsync(crowd, clock, stop.Token, person =>
            JourneyAsync(PrimeProcedure, person, person.Bot ? scripts : people, person.Bot ? scripts : bookings, clock, startedAt, solver, counters, offices, random.Next(), stop.Token));
        if (await SwitchAdmissionAsync(people, token, PrimeProcedure, new { enabled = false }, interrupt) is { } notOff)
        {
            return notOff;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"priming: {crowd.Length:N0} people's journeys for {PrimeProcedure} over {seconds:0} s (admitted {crowd.Count(p => p.AdmittedAt is not null):N0}, booked {crowd.Count(p => p.BookingStatus == 201):N0}, polls {counters.Polls:N0}, refused {counters.PollsLimited:N0}) in {clock.Elapsed.TotalSeconds:0} s; not part of the figures below"));
        return null;
    }

    /// <summary>Starts each person's journey at their arrival time (until <paramref name="stop"/>), then waits for every journey.</summary>
    private static async Task ArriveAsync(RushPerson[] crowd, Stopwatch clock, CancellationToken stop, Func<RushPerson, Task> journey)
    {
        var journeys = new List<Task>(crowd.Length);
        foreach (var person in crowd)
        {
            var wait = person.ArrivesAt - clock.Elapsed.TotalSeconds;
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(wait), CancellationToken.None);
            }

            if (stop.IsCancellationRequested)
            {
                break;
            }

            journeys.Add(Task.Run(() => journey(person)));
        }

        await Task.WhenAll(journeys);
    }

    /// <summary>Sets <paramref name="procedure"/>'s waiting room through the operator API; null, or what the refusal said.</summary>
    private static async Task<string?> SwitchAdmissionAsync(HttpClient http, string token, string procedure, object settings, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/admin/procedures/{procedure}/admission") { Content = JsonContent.Create(settings) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var answer = await http.SendAsync(request, ct);
        return answer.IsSuccessStatusCode
            ? null
            : $"switching admission for {procedure} answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(ct)}";
    }

    private static async Task JourneyAsync(
        string procedure, RushPerson person, HttpClient http, HttpClient booker, Stopwatch clock, DateTimeOffset startedAt, SemaphoreSlim solver, RushCounters counters, string[] offices, int seed,
        CancellationToken ct)
    {
        var random = new Random(seed);
        try
        {
            // Take a place (solving a challenge when asked; a limited address waits as told).
            object body = new { procedure };
            JsonElement place;
            while (true)
            {
                using var join = Request(HttpMethod.Post, "/api/v1/admission", person.Address, JsonContent.Create(body));
                using var answer = await http.SendAsync(join, ct);
                var json = await answer.Content.ReadFromJsonAsync<JsonElement>(ct);
                if (answer.StatusCode == HttpStatusCode.Created)
                {
                    place = json;
                    break;
                }

                if ((int)answer.StatusCode == 428)
                {
                    var challenge = json.GetProperty("challenge").GetString()!;
                    var difficulty = json.GetProperty("difficulty").GetInt32();
                    await solver.WaitAsync(ct);
                    string solved;
                    try
                    {
                        solved = await Task.Run(() => ChallengeSolver.Solve(challenge, difficulty, ct), ct);
                    }
                    finally
                    {
                        solver.Release();
                    }

                    person.ChallengesSolved++;
                    body = new { procedure, challenge, answer = solved };
                    continue;
                }

                if (answer.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    counters.JoinLimited();
                    await Task.Delay(TimeSpan.FromSeconds(answer.Headers.RetryAfter?.Delta?.TotalSeconds ?? 1), ct);
                    continue;
                }

                person.Failure = $"join {(int)answer.StatusCode}";
                return;
            }

            person.JoinedAt = clock.Elapsed.TotalSeconds;
            person.Ticket = place.GetProperty("ticket").GetString();
            person.Early = place.GetProperty("earlyArrival").GetBoolean();
            person.EtaAtJoin = place.GetProperty("etaSeconds").GetDouble();
            person.Estimates.Add((person.JoinedAt.Value, person.EtaAtJoin.Value));
            var pollAfter = place.GetProperty("pollAfterSeconds").GetDouble();

            // Wait: people poll when told; scripts as fast as answers come.
            string token;
            while (true)
            {
                if (!person.Bot)
                {
                    await Task.Delay(TimeSpan.FromSeconds(pollAfter * (0.8 + (0.4 * random.NextDouble()))), ct);
                }

                using var poll = Request(HttpMethod.Get, $"/api/v1/admission/{person.Ticket}", person.Address, null);
                using var answer = await http.SendAsync(poll, ct);
                person.Polls++;
                if (answer.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    counters.PollLimited();
                    continue;
                }

                var now = clock.Elapsed.TotalSeconds;
                var state = await answer.Content.ReadFromJsonAsync<JsonElement>(ct);
                counters.Poll();
                if (state.GetProperty("status").GetString() == "admitted")
                {
                    token = state.GetProperty("token").GetString()!;
                    var admitted = state.GetProperty("tokenExpiresAt").GetDateTimeOffset() - TokenLifetime;
                    person.AdmittedAt = (admitted - startedAt).TotalSeconds;
                    break;
                }

                person.Estimates.Add((now, state.GetProperty("etaSeconds").GetDouble()));
                pollAfter = state.GetProperty("pollAfterSeconds").GetDouble();
            }

            // Book once, with the token and an idempotency key.
            // A weekday 7-40 days ahead (some offices close at weekends: their refusals would say nothing here).
            var date = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(random.Next(7, 41)));
            while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                date = date.AddDays(1);
            }

            var booking = new
            {
                procedure,
                officeId = offices[random.Next(offices.Length)],
                date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                applicant = new { documentType = "CPP", documentNumber = (500_000_000 + person.Index).ToString(CultureInfo.InvariantCulture), country = "VE", fullName = "Rush Applicant" },
            };
            using var book = Request(HttpMethod.Post, "/api/v1/appointments", person.Address, JsonContent.Create(booking));
            book.Headers.Add("Admission-Token", token);
            book.Headers.Add("Idempotency-Key", $"rush-{person.Index}");
            person.BookingSentAt = clock.Elapsed.TotalSeconds;
            var started = Stopwatch.GetTimestamp();
            using var booked = await booker.SendAsync(book, ct);
            person.BookingMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            person.BookingStatus = (int)booked.StatusCode;
            if (!booked.IsSuccessStatusCode)
            {
                person.Failure = $"booking {(int)booked.StatusCode}: {await booked.Content.ReadAsStringAsync(ct)}";
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended: whoever is still waiting was never admitted.
        }
        catch (HttpRequestException failure)
        {
            person.Failure = failure.Message;
        }
    }

    private static async Task<PollBurst> PollBurstAsync(HttpClient http, (string Ticket, string Address)[] tickets, TimeSpan length, CancellationToken ct)
    {
        if (tickets.Length == 0)
        {
            return new PollBurst(0, 0, length.TotalSeconds);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(length);
        long answered = 0;
        long limited = 0;
        var loops = Enumerable.Range(0, 256).Select(loop => Task.Run(async () =>
        {
            var random = new Random(loop);
            while (!stop.IsCancellationRequested)
            {
                var (ticket, address) = tickets[random.Next(tickets.Length)];
                try
                {
                    using var poll = Request(HttpMethod.Get, $"/api/v1/admission/{ticket}", address, null);
                    using var answer = await http.SendAsync(poll, stop.Token);
                    await answer.Content.CopyToAsync(Stream.Null, stop.Token);
                    Interlocked.Increment(ref answer.StatusCode == HttpStatusCode.OK ? ref answered : ref limited);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        })).ToArray();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(loops);
        return new PollBurst(answered, limited, watch.Elapsed.TotalSeconds);
    }

    /// <summary>CPU seconds (user + system) a process has used, from /proc (0 when unknown).</summary>
    private static double CpuSeconds(int? pid)
    {
        try
        {
            var stat = pid is null ? null : File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (which may hold spaces, inside parentheses): utime and stime are the 12th and 13th.
            var fields = stat?[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields is null ? 0 : (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / 100;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }

    /// <summary>CPU seconds every core of the machine has been busy, from /proc/stat (0 when unknown).</summary>
    private static double MachineCpuSeconds()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
                .Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            return (fields.Sum() - fields[3] - fields[4]) / 100;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string address, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-Forwarded-For", address);
        return request;
    }

    private static HttpClient Client(Uri baseUri, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
    })
    {
        BaseAddress = baseUri,
        Timeout = TimeSpan.FromSeconds(30),
    };
}
