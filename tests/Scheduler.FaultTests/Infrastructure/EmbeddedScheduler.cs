using Microsoft.Data.Sqlite;

namespace Scheduler.FaultTests.Infrastructure;

/// <summary>
/// The embedded default as a real process: <c>dotnet Scheduler.Api.dll</c> (Release, copied so that a rebuild in the
/// checkout cannot touch it) with a co-hosted silo, localhost clustering and a SQLite file of its own, on private
/// ports. It can be killed with SIGKILL and started again on the same file.
/// </summary>
public sealed class EmbeddedScheduler : IAsyncDisposable
{
    public const string ServiceId = "migraciones-scheduler";

    private readonly string directory = RunDirectories.Create("embedded");
    private readonly OperatorTokens tokens = new() { Lifetime = TimeSpan.FromHours(2) };
    private readonly int port;
    private SchedulerProcess? process;

    public EmbeddedScheduler()
    {
        port = FreePorts.Block(3);
        Front = new Uri($"http://127.0.0.1:{port}");
        Api = new SchedulerApi(tokens.Operator("fault-tests"));
    }

    public Uri Front { get; }

    public SchedulerApi Api { get; }

    public string DatabaseFile => Path.Combine(directory, "scheduler.db");

    public string LogFile => Path.Combine(directory, "scheduler.log");

    private string AppDirectory => Path.Combine(directory, "app");

    /// <summary>Builds (once per run) and copies the API, then starts it and waits until /health/ready answers 200.</summary>
    public async Task StartAsync(TimeSpan readyTimeout)
    {
        if (!Directory.Exists(AppDirectory))
        {
            await ReleaseHosts.EnsureBuiltAsync(Path.Combine(directory, "build.log"));
            SchedulerBuild.CopyOutput(SchedulerBuild.Api, AppDirectory);
        }

        // The same ports on every start: a restart is the same scheduler coming back on the same file.
        var settings = new Dictionary<string, string>(tokens.Environment)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Scheduler__ServiceId"] = ServiceId,
            // The surges come from this one process: the abuse limits per address would refuse most of them.
            ["Scheduler__Limits__Enabled"] = "false",
            ["Scheduler__Api__Mode"] = "CoHosted",
            ["Scheduler__Storage__Provider"] = "Sqlite",
            ["Scheduler__Storage__ConnectionString"] = $"Data Source={DatabaseFile}",
            ["Scheduler__Clustering__Provider"] = "Localhost",
        };
        foreach (var (key, value) in SchedulerProcess.OwnCluster("fault-tests-" + port, siloPort: port + 1, gatewayPort: port + 2))
        {
            settings[key] = value;
        }

        if (process is not null)
        {
            await process.DisposeAsync();
        }

        process = await SchedulerProcess.StartAsync(AppDirectory, Front, settings, LogFile, readyTimeout);
    }

    /// <summary>kill -9: no shutdown hook, no flush, sockets dropped.</summary>
    public Task KillAsync() => process?.KillAsync() ?? Task.CompletedTask;

    public async Task<IReadOnlyDictionary<string, Scheduler.Grains.State.DayInventoryState>> ReadStoredDaysAsync(IEnumerable<string> dayKeys)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        return await StoredDayInventories.ReadAsync(connection, ServiceId, dayKeys);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        if (process is not null)
        {
            await process.DisposeAsync();
        }

        Api.Dispose();
        try
        {
            Directory.Delete(AppDirectory, recursive: true);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            // Left for the next /tmp clean-up.
        }
    }
}
