using System.Diagnostics;
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
    private readonly OperatorToken token = new();
    private readonly int port;
    private Process? process;

    public EmbeddedScheduler()
    {
        port = FreePorts.Block(3);
        Front = new Uri($"http://127.0.0.1:{port}");
        Api = new SchedulerApi(token.Mint());
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
            CopyDirectory(ReleaseHosts.ApiOutput, AppDirectory);
        }

        // The app directory is the content root, as with scripts/cluster.sh: its appsettings.json applies.
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, WorkingDirectory = AppDirectory };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec dotnet \"$@\" >>\"$SCHEDULER_TEST_LOG\" 2>&1 </dev/null");
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add(Path.Combine(AppDirectory, "Scheduler.Api.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(Front.ToString().TrimEnd('/'));
        var settings = new Dictionary<string, string>(token.HostEnvironment)
        {
            ["SCHEDULER_TEST_LOG"] = LogFile,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Scheduler__ServiceId"] = ServiceId,
            // The surges come from this one process: the abuse limits per address would refuse most of them.
            ["Scheduler__Limits__Enabled"] = "false",
            // A cluster id of its own: no other localhost silo on this machine (a developer's) can be mistaken for it.
            ["Scheduler__ClusterId"] = "fault-tests-" + port,
            ["Scheduler__Api__Mode"] = "CoHosted",
            ["Scheduler__Storage__Provider"] = "Sqlite",
            ["Scheduler__Storage__ConnectionString"] = $"Data Source={DatabaseFile}",
            ["Scheduler__Clustering__Provider"] = "Localhost",
            ["Scheduler__Silo__SiloPort"] = (port + 1).ToString(),
            ["Scheduler__Silo__GatewayPort"] = (port + 2).ToString(),
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        // exec: the process we hold is dotnet itself, so a kill hits the scheduler and nothing else.
        process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the embedded scheduler.");
        var clock = Stopwatch.StartNew();
        while (!await Api.IsReadyAsync(Front))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The embedded scheduler exited with {process.ExitCode}:\n{Tail()}");
            }

            if (clock.Elapsed > readyTimeout)
            {
                throw new TimeoutException($"The embedded scheduler was not ready within {readyTimeout.TotalSeconds:0} s:\n{Tail()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>kill -9: no shutdown hook, no flush, sockets dropped.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
        }
    }

    public async Task<IReadOnlyDictionary<string, Scheduler.Grains.State.DayInventoryState>> ReadStoredDaysAsync(IEnumerable<string> dayKeys)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        return await StoredDayInventories.ReadAsync(connection, ServiceId, dayKeys);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process?.Dispose();
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

    private string Tail() => File.Exists(LogFile) ? ExternalCommand.Tail(File.ReadAllText(LogFile), 30) : "(no log)";

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
