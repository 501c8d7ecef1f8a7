using System.Diagnostics;
using Npgsql;

namespace Scheduler.FaultTests.Infrastructure;

/// <summary>
/// A cluster started with <c>scripts/cluster.sh up --silos 3 --apis 2</c>: PostgreSQL, three silos and two API front
/// doors as real processes, in a private directory under /tmp with private ports. Started on first use (so a test
/// can skip first) and always taken <c>down</c> at the end, even after a failure. Tests that share it each take
/// their own dates and applicant series, and leave every process running again.
/// </summary>
public sealed class ScriptedCluster : IAsyncLifetime
{
    public const int Silos = 3;
    public const int Apis = 2;
    public const string ServiceId = "migraciones-scheduler";

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);
    private readonly object gate = new();
    private readonly OperatorTokens tokens = new() { Lifetime = TimeSpan.FromHours(2) };
    private readonly string runDirectory = RunDirectories.Create("cluster");
    private readonly Dictionary<string, string> environment;
    private readonly int pgPort;
    private readonly int apiPortBase;
    private Task? started;
    private bool upAttempted;
    private IReadOnlyList<DateOnly>? freeDays;
    private int daysHandedOut;

    public ScriptedCluster()
    {
        // One block: 2 API ports, 3 silo HTTP ports, 3 silo ports, 3 gateway ports, PostgreSQL.
        var first = FreePorts.Block(Apis + 3 * Silos + 1);
        apiPortBase = first;
        pgPort = first + Apis + 3 * Silos;
        environment = new Dictionary<string, string>(tokens.Environment)
        {
            ["SCHEDULER_CLUSTER_DIR"] = ClusterDirectory,
            ["SCHEDULER_PG_DIR"] = Path.Combine(ClusterDirectory, "pg"),
            ["SCHEDULER_PG_PORT"] = pgPort.ToString(),
            ["SCHEDULER_API_PORT_BASE"] = apiPortBase.ToString(),
            ["SCHEDULER_SILO_HTTP_PORT_BASE"] = (first + Apis).ToString(),
            ["SCHEDULER_SILO_PORT_BASE"] = (first + Apis + Silos).ToString(),
            ["SCHEDULER_GATEWAY_PORT_BASE"] = (first + Apis + 2 * Silos).ToString(),
            ["SCHEDULER_CLUSTER_READY_TIMEOUT"] = "150",
            ["SCHEDULER_CLUSTER_STOP_TIMEOUT"] = "20",
            ["Scheduler__ServiceId"] = ServiceId,
            // The surges come from this one process: the abuse limits per address would refuse most of them.
            ["Scheduler__Limits__Enabled"] = "false",
        };
        Api = new SchedulerApi(tokens.Operator("fault-tests"));
        Fronts = Enumerable.Range(0, Apis).Select(i => new Uri($"http://127.0.0.1:{apiPortBase + i}")).ToArray();
        SiloEndpoints = Enumerable.Range(0, Silos).Select(i => new Uri($"http://127.0.0.1:{first + Apis + i}")).ToArray();
    }

    public SchedulerApi Api { get; }

    public IReadOnlyList<Uri> Fronts { get; }

    /// <summary>Each silo's own HTTP endpoint (<c>/health</c>, <c>/metrics</c>), by silo index.</summary>
    public IReadOnlyList<Uri> SiloEndpoints { get; }

    public string ClusterDirectory => Path.Combine(runDirectory, "cluster");

    public string CommandLog => Path.Combine(runDirectory, "commands.log");

    /// <summary>For the tests' own reads of OrleansStorage: small pool, fail fast.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={pgPort};Database=scheduler;Username=postgres;Pooling=false;Timeout=5;Command Timeout=30";

    /// <summary>Skips (or on CI fails) without PostgreSQL; otherwise starts the cluster once and waits until it is ready.</summary>
    public Task StartAsync()
    {
        FaultTestRequirements.RequirePostgreSqlServer();
        lock (gate)
        {
            return started ??= UpAsync();
        }
    }

    /// <summary>
    /// <paramref name="count"/> weekdays (Monday to Friday) on which lim-sjl and lim-brena still have every seat free,
    /// none handed to an earlier caller: each test books days of its own.
    /// </summary>
    public async Task<DateOnly[]> TakeFreeWeekdaysAsync(int count)
    {
        freeDays ??= await FreeWeekdays.FindAsync(Api, Fronts[0], ["lim-sjl", "lim-brena"]);
        lock (gate)
        {
            if (daysHandedOut + count > freeDays.Count)
            {
                throw new InvalidOperationException($"Only {freeDays.Count} free weekdays in the booking window.");
            }

            var taken = freeDays.Skip(daysHandedOut).Take(count).ToArray();
            daysHandedOut += count;
            return taken;
        }
    }

    public Task KillSiloAsync(int index) => ClusterAsync("kill-silo", index.ToString());

    /// <summary>
    /// The index of the silo on which <paramref name="officeId"/> is active, or null when none says so: an office reports
    /// its free seats (gauge <c>scheduler_free_seats</c>, labelled with the office) on the silo that hosts it.
    /// </summary>
    public async Task<int?> SiloHostingOfficeAsync(string officeId)
    {
        for (var index = 0; index < SiloEndpoints.Count; index++)
        {
            var metrics = await SchedulerApi.PatientlyAsync(() => Api.GetMetricsTextAsync(SiloEndpoints[index]), TimeSpan.FromSeconds(30));
            if (metrics.Split('\n').Any(line => line.StartsWith("scheduler_free_seats{", StringComparison.Ordinal) && line.Contains($"office=\"{officeId}\"", StringComparison.Ordinal)))
            {
                return index;
            }
        }

        return null;
    }

    public Task StartSiloAsync(int index) => ClusterAsync("start-silo", index.ToString());

    /// <summary>Whole cluster: every process stopped (PostgreSQL kept), then started again and ready.</summary>
    public async Task RestartAsync()
    {
        await ClusterAsync("down", "--keep-db");
        await ClusterAsync("up", "--silos", Silos.ToString(), "--apis", Apis.ToString());
    }

    /// <summary>True when every process started by <c>up</c> still runs (the same one) and is ready, and PostgreSQL runs.</summary>
    public async Task<bool> IsWholeAsync()
    {
        var (exitCode, _) = await ExternalCommand.TryRunAsync(RepositoryRoot.Script("cluster.sh"), ["status"], environment, CommandLog, ScriptTimeout);
        return exitCode == 0;
    }

    /// <summary>Brings back any process an earlier test killed, so each test starts on a whole cluster.</summary>
    public async Task EnsureWholeAsync()
    {
        var (exitCode, output) = await ExternalCommand.TryRunAsync(RepositoryRoot.Script("cluster.sh"), ["status"], environment, CommandLog, ScriptTimeout);
        if (exitCode == 0)
        {
            return;
        }

        if (!await PostgresRunningAsync())
        {
            await PostgresAsync("start");
        }

        foreach (var line in output.Split('\n').Where(l => l.Contains(" dead ")))
        {
            var name = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            await ClusterAsync(name.StartsWith("silo", StringComparison.Ordinal) ? "start-silo" : "start-api", new string(name.Where(char.IsAsciiDigit).ToArray()));
        }
    }

    /// <summary><c>scripts/pg.sh stop</c> on the cluster's server (fast shutdown: sessions are terminated).</summary>
    public Task StopPostgresAsync() => PostgresAsync("stop");

    public Task StartPostgresAsync() => PostgresAsync("start");

    public async Task<IReadOnlyDictionary<string, Scheduler.Grains.State.DayInventoryState>> ReadStoredDaysAsync(IEnumerable<string> dayKeys)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return await StoredDayInventories.ReadAsync(connection, ServiceId, dayKeys);
    }

    /// <summary>Offices that offer biometrics, in a stable order (for probes spread over many grains).</summary>
    public Task<IReadOnlyList<string>> OfficeIdsAsync() => Api.GetOfficeIdsAsync(Fronts[0]);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Api.Dispose();
        if (!upAttempted)
        {
            return;
        }

        // Always down, whatever happened; PostgreSQL goes too (the data directory is ours).
        var (exitCode, _) = await ExternalCommand.TryRunAsync(RepositoryRoot.Script("cluster.sh"), ["down"], environment, CommandLog, ScriptTimeout);
        if (await PostgresRunningAsync())
        {
            await PostgresAsync("stop");
        }

        // The logs stay (small, and what explains a failure); the database and the app copy go.
        if (exitCode == 0)
        {
            TryDelete(Path.Combine(ClusterDirectory, "pg"));
            TryDelete(Path.Combine(ClusterDirectory, "app"));
        }
    }

    private async Task UpAsync()
    {
        await ReleaseHosts.EnsureBuiltAsync(CommandLog);
        upAttempted = true;
        var clock = Stopwatch.StartNew();
        await ClusterAsync("up", "--silos", Silos.ToString(), "--apis", Apis.ToString());
        File.AppendAllText(CommandLog, $"# cluster up in {clock.Elapsed.TotalSeconds:0.0} s\n");
    }

    private Task ClusterAsync(params string[] arguments) =>
        ExternalCommand.RunAsync(RepositoryRoot.Script("cluster.sh"), arguments, environment, CommandLog, ScriptTimeout);

    private Task PostgresAsync(string command) =>
        ExternalCommand.RunAsync(RepositoryRoot.Script("pg.sh"), [command], environment, CommandLog, ScriptTimeout);

    private async Task<bool> PostgresRunningAsync()
    {
        var (exitCode, _) = await ExternalCommand.TryRunAsync(RepositoryRoot.Script("pg.sh"), ["status"], environment, CommandLog, ScriptTimeout);
        return exitCode == 0;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            // Left for the next /tmp clean-up; nothing depends on it.
        }
    }
}
