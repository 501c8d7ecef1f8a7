namespace Scheduler.LoadTests.Hosting;

/// <summary>
/// The scheduler started by the tool as one process (<c>dotnet run -c Release --project src/Scheduler.Api</c>)
/// on a free loopback port, with its grain state in a temporary SQLite file (or, given a connection
/// string, in PostgreSQL under a service id of its own) and a bearer-token key the tool made up;
/// stopped and cleaned away when disposed.
/// </summary>
public sealed class EmbeddedScheduler : ITarget
{
    private readonly ChildProcess _process;
    private readonly DirectoryInfo _dataFolder;

    private readonly string? _serviceId;

    private EmbeddedScheduler(ChildProcess process, DirectoryInfo dataFolder, Uri baseUri, string token, string? serviceId)
    {
        _process = process;
        _dataFolder = dataFolder;
        _serviceId = serviceId;
        BaseUris = [baseUri];
        OperatorToken = token;
    }

    public IReadOnlyList<Uri> BaseUris { get; }

    public string? OperatorToken { get; }

    public string Description => _serviceId is null
        ? $"embedded scheduler (pid {_process.Id}) at {BaseUris[0]}, SQLite in {_dataFolder.FullName}"
        : $"embedded scheduler (pid {_process.Id}) at {BaseUris[0]}, PostgreSQL (service id {_serviceId})";

    /// <summary>The scheduler itself: the process below <c>dotnet run</c> that runs Scheduler.Api.</summary>
    public IReadOnlyList<Measurement.WatchedProcess> Processes()
    {
        var api = ChildProcess.Descendants(_process.Id).FirstOrDefault(pid => ProcessFinder.CommandLine(pid).Contains("Scheduler.Api", StringComparison.Ordinal));
        return api == 0 ? [] : [new Measurement.WatchedProcess($"scheduler (embedded, pid {api})", api)];
    }

    /// <summary>
    /// Starts the scheduler and waits until it is ready. A process that ends before it is ready is
    /// started once more (on a busy shared machine a concurrent build or a stray signal can end it).
    /// </summary>
    public static async Task<EmbeddedScheduler> StartAsync(string repositoryRoot, string logPath, TimeSpan readyTimeout, TimeProvider time, Action<string> status, CancellationToken ct, string? postgres = null)
    {
        const int attempts = 2;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(repositoryRoot, logPath, readyTimeout, time, status, ct, postgres);
            }
            catch (EndedEarlyException e) when (attempt < attempts)
            {
                status($"the scheduler {e.Message}; starting it again");
            }
            catch (EndedEarlyException e)
            {
                throw new TargetUnavailableException($"the embedded scheduler {e.Message}; last lines of {logPath}:\n{e.Tail}");
            }
        }
    }

    private static async Task<EmbeddedScheduler> StartOnceAsync(string repositoryRoot, string logPath, TimeSpan readyTimeout, TimeProvider time, Action<string> status, CancellationToken ct, string? postgres)
    {
        var port = LoopbackAddress.FreePort();
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        var dataFolder = Directory.CreateTempSubdirectory("scheduler-loadtest-");
        var signing = Hosting.OperatorToken.CreateRandom();

        // Free silo and gateway ports and a cluster id of its own: with the default ports a second
        // scheduler on this machine (a developer's, a test's) would join the same localhost cluster.
        var environment = new Dictionary<string, string>(signing.ServerEnvironment())
        {
            ["Scheduler__Storage__ConnectionString"] = $"Data Source={Path.Combine(dataFolder.FullName, "scheduler.db")}",
            ["Scheduler__Silo__SiloPort"] = LoopbackAddress.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Scheduler__Silo__GatewayPort"] = LoopbackAddress.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Scheduler__ClusterId"] = "loadtest-" + Path.GetFileName(dataFolder.FullName),
            // Every simulated person names an address of their own in X-Forwarded-For; the tool is their proxy.
            ["Scheduler__Limits__TrustedProxies__0"] = "127.0.0.1",
        };
        string? serviceId = null;
        if (postgres is not null)
        {
            // A service id of its own: every storage key carries it, so runs never see each other's bookings.
            serviceId = "loadtest-" + Path.GetFileName(dataFolder.FullName).Replace("scheduler-loadtest-", "", StringComparison.Ordinal);
            environment["Scheduler__Storage__Provider"] = "PostgreSql";
            environment["Scheduler__Storage__ConnectionString"] = postgres;
            environment["Scheduler__ServiceId"] = serviceId;
        }

        status($"starting the scheduler: dotnet run -c Release --project src/Scheduler.Api -- --urls {baseUri.ToString().TrimEnd('/')} (log: {logPath})");
        var process = ChildProcess.Start(
            "dotnet",
            ["run", "-c", "Release", "--project", Path.Combine("src", "Scheduler.Api"), "--", "--urls", baseUri.ToString().TrimEnd('/')],
            repositoryRoot,
            environment,
            logPath);
        var target = new EmbeddedScheduler(process, dataFolder, baseUri, signing.Mint(time, TimeSpan.FromHours(1)), serviceId);
        using var http = new HttpClient();
        if (!await ReadinessProbe.WaitAsync(http, baseUri, readyTimeout, () => !process.HasExited, ct))
        {
            var tail = process.Tail(30);
            var code = process.ExitCode;
            await target.DisposeAsync();
            if (code is not null)
            {
                throw new EndedEarlyException($"exited (code {code}) before it was ready", tail);
            }

            throw new TargetUnavailableException($"the embedded scheduler was not ready within {readyTimeout.TotalSeconds:0} s; last lines of {logPath}:\n{tail}");
        }

        status($"scheduler ready at {baseUri}");
        return target;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            _dataFolder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temp folder is cleaned by the system later.
        }
    }

    private sealed class EndedEarlyException(string message, string tail) : Exception(message)
    {
        public string Tail { get; } = tail;
    }
}
