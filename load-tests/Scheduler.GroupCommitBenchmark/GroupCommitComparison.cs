using System.Diagnostics;

namespace Scheduler.GroupCommitBenchmark;

/// <summary>
/// Runs the hot-day booking load once per mode (and storage, and round), each time on a fresh scheduler process and
/// a fresh database, and collects what each measured.
/// </summary>
public static class GroupCommitComparison
{
    private const string ServiceId = "gc-bench";

    public static async Task<IReadOnlyList<RunResult>> RunAsync(BenchmarkOptions options)
    {
        var workspace = new Workspace();
        Console.WriteLine($"work directory: {workspace.Directory}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; " +
            $"{options.Bookings} bookings, {options.Concurrency} in flight, warm-up {options.WarmUp}, {options.Rounds} round(s)");
        var app = await workspace.PrepareAppAsync(options.Build);
        var results = new List<RunResult>();
        var postgres = new PostgresServer(workspace);
        try
        {
            if (options.Storages.Contains(StorageKind.PostgreSql))
            {
                await postgres.StartAsync();
            }

            for (var round = 1; round <= options.Rounds; round++)
            {
                bool[] modes = round % 2 == 1 ? [false, true] : [true, false];
                foreach (var storage in options.Storages)
                {
                    foreach (var groupCommit in modes)
                    {
                        var result = await RunOneAsync(workspace, postgres, app, options, storage, groupCommit, round);
                        Console.WriteLine($"  {result.Storage} {result.Mode}: {result.Booked} booked in {result.Elapsed.TotalSeconds:0.0} s " +
                            $"({result.BookingsPerSecond:0}/s), {result.Writes.JournalRows} journal rows, {result.MeanBatch:0.0} rows per transaction");
                        results.Add(result);
                    }
                }
            }
        }
        finally
        {
            await postgres.DisposeAsync();
            workspace.RemoveData();
        }

        return results;
    }

    private static async Task<RunResult> RunOneAsync(
        Workspace workspace, PostgresServer postgres, string app, BenchmarkOptions options, StorageKind storage, bool groupCommit, int round)
    {
        var name = $"{(storage == StorageKind.PostgreSql ? "pg" : "sqlite")}_{(groupCommit ? "group" : "single")}_{round}";
        var connectionString = storage == StorageKind.PostgreSql
            ? await postgres.CreateDatabaseAsync("gcbench_" + name)
            : $"Data Source={Path.Combine(workspace.Directory, name + ".db")}";
        var tokens = new OperatorTokens { Lifetime = TimeSpan.FromHours(4) };
        var settings = new Dictionary<string, string>(tokens.Environment)
        {
            ["Scheduler__ServiceId"] = ServiceId,
            ["Scheduler__Storage__Provider"] = storage.ToString(),
            ["Scheduler__Storage__ConnectionString"] = connectionString,
            ["Scheduler__Booking__GroupCommit"] = groupCommit ? "true" : "false",
            // A raw benchmark from one client: the abuse limits per address are off.
            ["Scheduler__Limits__Enabled"] = "false",
            // Room for every booking of the run in flight at once, so none is turned away with 429.
            ["Scheduler__Api__MaxConcurrentBookings"] = Math.Max(4096, options.Concurrency * 2).ToString(),
        };

        Console.WriteLine($"[{name}] starting the scheduler ({storage}, GroupCommit={groupCommit})");
        var started = await workspace.StartSchedulerAsync(app, name, settings);
        await using var scheduler = started.Scheduler;
        var front = started.Front;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { Timeout = TimeSpan.FromMinutes(2) };
        var run = new HotDayRun(http, front, tokens.Operator("gc-bench"));
        var day = await run.FindHotDayAsync();
        await run.RaiseCapacityAsync(day);
        Console.WriteLine($"[{name}] {HotDayRun.Office} {day:yyyy-MM-dd} raised to 500 counters; warming up with {options.WarmUp} bookings");
        var warm = await run.BookAsync(day, 100_000_000, options.WarmUp, Math.Min(options.Concurrency, options.WarmUp));
        if (warm.Failed > 0)
        {
            throw new InvalidOperationException($"warm-up: {warm.Failed} of {options.WarmUp} bookings failed ({Describe(warm.Statuses)}); see {scheduler.LogPath}");
        }

        var writesBefore = await StoredWrites.ReadAsync(storage, connectionString, ServiceId);
        var metricsBefore = await ServerMetrics.ScrapeAsync(http, front);
        Console.WriteLine($"[{name}] measuring {options.Bookings} bookings, {options.Concurrency} in flight");
        var measured = await run.BookAsync(day, 200_000_000, options.Bookings, options.Concurrency);
        var writes = await StoredWrites.ReadAsync(storage, connectionString, ServiceId) - writesBefore;
        var metrics = await ServerMetrics.ScrapeAsync(http, front) - metricsBefore;
        if (measured.Failed > 0)
        {
            Console.WriteLine($"[{name}] {measured.Failed} bookings did not get 201: {Describe(measured.Statuses)} (see {scheduler.LogPath})");
        }

        return new RunResult(
            storage, groupCommit, round, options.Bookings, measured.Booked, measured.Failed, measured.Elapsed, writes, metrics,
            HotDayRun.Percentile(measured.LatenciesMs, 0.50), HotDayRun.Percentile(measured.LatenciesMs, 0.99), LoadAverage());
    }

    /// <summary>The 1-minute load average (Linux), to tell a quiet machine from a busy one when reading the figures.</summary>
    private static double LoadAverage() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out var load)
            ? load
            : double.NaN;

    private static string Describe(IReadOnlyDictionary<int, int> statuses) =>
        string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "no answer" : s.Key.ToString())} x{s.Value}"));
}
