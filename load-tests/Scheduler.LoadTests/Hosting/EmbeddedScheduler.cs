namespace Scheduler.LoadTests.Hosting;

/// <summary>
/// The scheduler started by the tool as one process (<c>dotnet build -c Release src/Scheduler.Api</c>, then
/// <c>dotnet Scheduler.Api.dll</c> from its output) on a free loopback port, with its grain state in a temporary
/// SQLite file (or, given a connection string, in PostgreSQL under a service id of its own) and a bearer-token key
/// the tool made up; stopped (SIGTERM, then kill) and cleaned away when disposed.
/// </summary>
public sealed class EmbeddedScheduler : ITarget
{
    private readonly SchedulerProcess _process;
    private readonly DirectoryInfo _dataFolder;
    private readonly string? _serviceId;

    private EmbeddedScheduler(SchedulerProcess process, DirectoryInfo dataFolder, Uri baseUri, string token, string? serviceId)
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

    /// <summary>The scheduler itself: the process the tool started runs Scheduler.Api.</summary>
    public IReadOnlyList<Measurement.WatchedProcess> Processes() =>
        _process.HasExited ? [] : [new Measurement.WatchedProcess($"scheduler (embedded, pid {_process.Id})", _process.Id)];

    /// <summary>
    /// Builds the API in Release, starts it and waits until it is ready. A process that ends before it is ready is
    /// started once more (on a busy shared machine a concurrent build or a stray signal can end it).
    /// </summary>
    public static async Task<EmbeddedScheduler> StartAsync(
        string logPath, TimeSpan readyTimeout, TimeProvider time, Action<string> status, CancellationToken ct, string? postgres = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        status($"building the scheduler: dotnet build -c Release src/Scheduler.Api (log: {logPath})");
        try
        {
            await SchedulerBuild.BuildAsync(SchedulerBuild.Api, logPath, readyTimeout, ct);
        }
        catch (Exception failed) when (failed is InvalidOperationException or TimeoutException)
        {
            throw new TargetUnavailableException(failed.Message);
        }

        const int attempts = 2;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(SchedulerBuild.Output(SchedulerBuild.Api), logPath, readyTimeout, time, status, ct, postgres, settings);
            }
            catch (SchedulerStartException e) when (e.ExitCode is not null && attempt < attempts)
            {
                status($"the scheduler {e.Reason}; starting it again");
            }
            catch (SchedulerStartException e)
            {
                throw new TargetUnavailableException($"the embedded scheduler {e.Reason}; last lines of {logPath}:\n{e.LogTail}");
            }
        }
    }

    private static async Task<EmbeddedScheduler> StartOnceAsync(
        string appDirectory, string logPath, TimeSpan readyTimeout, TimeProvider time, Action<string> status, CancellationToken ct, string? postgres, IReadOnlyDictionary<string, string>? settings)
    {
        var baseUri = new Uri($"http://127.0.0.1:{FreePorts.Any()}/");
        var dataFolder = Directory.CreateTempSubdirectory("scheduler-loadtest-");
        var tokens = new OperatorTokens(time);

        var environment = new Dictionary<string, string>(tokens.Environment)
        {
            // What `dotnet run` gave the scheduler when the tool started it that way (launchSettings.json), so that
            // figures stay comparable with the runs measured before.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Scheduler__Storage__ConnectionString"] = $"Data Source={Path.Combine(dataFolder.FullName, "scheduler.db")}",
            // Every simulated person names an address of their own in X-Forwarded-For; the tool is their proxy.
            ["Scheduler__Limits__TrustedProxies__0"] = "127.0.0.1",
            // A rehearsal measures the back end at the rates it offers: the waiting room that switches itself on past a
            // booking rate would cap booking-peak at its admission rate. A scenario about the waiting room (opening-rush)
            // sets its own admission settings below.
            ["Scheduler__Admission__AutoOnBookingsPerSecond"] = "0",
        };
        foreach (var (key, value) in SchedulerProcess.OwnCluster("loadtest-" + dataFolder.Name, FreePorts.Any(), FreePorts.Any()))
        {
            environment[key] = value;
        }

        // A scenario's own settings (environment variable names, __ for :), e.g. opening-rush's waiting room.
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        string? serviceId = null;
        if (postgres is not null)
        {
            // A service id of its own: every storage key carries it, so runs never see each other's bookings.
            serviceId = "loadtest-" + dataFolder.Name.Replace("scheduler-loadtest-", "", StringComparison.Ordinal);
            environment["Scheduler__Storage__Provider"] = "PostgreSql";
            environment["Scheduler__Storage__ConnectionString"] = postgres;
            environment["Scheduler__ServiceId"] = serviceId;
        }

        status($"starting the scheduler: dotnet {SchedulerProcess.AppFile} --urls {baseUri.GetLeftPart(UriPartial.Authority)} (log: {logPath})");
        SchedulerProcess process;
        try
        {
            process = await SchedulerProcess.StartAsync(appDirectory, baseUri, environment, logPath, readyTimeout, ct, ToolRuntime.SetForToolOnly());
        }
        catch
        {
            Remove(dataFolder);
            throw;
        }

        status($"scheduler ready at {baseUri}");
        return new EmbeddedScheduler(process, dataFolder, baseUri, tokens.Operator(ITarget.OperatorName), serviceId);
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Remove(_dataFolder);
    }

    private static void Remove(DirectoryInfo dataFolder)
    {
        try
        {
            dataFolder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temp folder is cleaned by the system later.
        }
    }
}
