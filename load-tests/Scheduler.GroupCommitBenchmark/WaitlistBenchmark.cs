using System.Globalization;

namespace Scheduler.GroupCommitBenchmark;

/// <summary>
/// <c>--waitlist-joins N</c>: N joins into one growing waitlist partition, per storage, on a fresh scheduler and
/// database each; prints the join p50/p99 of the first and last 5,000 joins (the cost of a join must not grow with
/// the waitlist's length).
/// </summary>
public static class WaitlistBenchmark
{
    public static async Task<string> RunAsync(BenchmarkOptions options)
    {
        var workspace = new Workspace();
        Console.WriteLine($"work directory: {workspace.Directory}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; {options.WaitlistJoins} joins, {options.Concurrency} in flight");
        var app = await workspace.PrepareAppAsync(options.Build);
        var table = new List<string>
        {
            "| storage | joins | answered `waiting` | failed | joins/s | first 5,000: p50 / p99 ms | last 5,000: p50 / p99 ms |",
            "|---|---:|---:|---:|---:|---:|---:|",
        };
        var postgres = new PostgresServer(workspace);
        try
        {
            foreach (var storage in options.Storages)
            {
                if (storage == StorageKind.PostgreSql)
                {
                    await postgres.StartAsync();
                }

                var name = storage == StorageKind.PostgreSql ? "pg_waitlist" : "sqlite_waitlist";
                var connectionString = storage == StorageKind.PostgreSql
                    ? await postgres.CreateDatabaseAsync("wlbench")
                    : $"Data Source={Path.Combine(workspace.Directory, name + ".db")}";
                var tokens = new OperatorTokens { Lifetime = TimeSpan.FromHours(4) };
                var settings = new Dictionary<string, string>(tokens.Environment)
                {
                    ["Scheduler__ServiceId"] = "wl-bench",
                    ["Scheduler__Storage__Provider"] = storage.ToString(),
                    ["Scheduler__Storage__ConnectionString"] = connectionString,
                    // A raw benchmark from one client: the abuse limits per address and per document are off.
                    ["Scheduler__Limits__Enabled"] = "false",
                };
                var started = await workspace.StartSchedulerAsync(app, name, settings);
                await using var scheduler = started.Scheduler;
                var front = started.Front;
                using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { Timeout = TimeSpan.FromMinutes(2) };
                var run = new WaitlistJoinRun(http, front, tokens.Operator("wl-bench"));
                var day = await run.CloseDayAsync();
                Console.WriteLine($"[{name}] {WaitlistJoinRun.Office} {day:yyyy-MM-dd} closed; {options.WaitlistJoins} joins near Cusco");
                var (elapsed, latencies, statuses, states) = await run.JoinAsync(day, 300_000_000, options.WaitlistJoins ?? 0, options.Concurrency);
                var slice = Math.Min(WaitlistJoinRun.Slice, latencies.Length / 2);
                var first = latencies[..slice];
                var last = latencies[^slice..];
                var failed = statuses.Count(s => s != 201);
                var waiting = states.Count(s => s == "waiting");
                var row = string.Create(CultureInfo.InvariantCulture,
                    $"| {storage} | {latencies.Length:N0} | {waiting:N0} | {failed} | {latencies.Length / elapsed.TotalSeconds:0} | " +
                    $"{HotDayRun.Percentile(first, 0.5):0.0} / {HotDayRun.Percentile(first, 0.99):0.0} | {HotDayRun.Percentile(last, 0.5):0.0} / {HotDayRun.Percentile(last, 0.99):0.0} |");
                Console.WriteLine(row);
                table.Add(row);
            }
        }
        finally
        {
            await postgres.DisposeAsync();
            workspace.RemoveData();
        }

        return string.Join(Environment.NewLine, table);
    }
}
