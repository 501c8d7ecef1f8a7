using System.Globalization;

namespace Scheduler.Testing;

/// <summary>
/// The scheduler's API host as a process of its own: <c>dotnet Scheduler.Api.dll</c> from a build output, whose
/// folder is the content root (its appsettings.json applies, as with scripts/cluster.sh), configured through
/// environment variables, its output appended to a log file. Stopped with SIGTERM and a grace period (disposing
/// does that), or killed with SIGKILL where a test wants a crash.
/// </summary>
public sealed class SchedulerProcess : IAsyncDisposable
{
    public const string AppFile = SchedulerBuild.Api + ".dll";

    private readonly ChildProcess process;

    private SchedulerProcess(ChildProcess process) => this.process = process;

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int? ExitCode => process.ExitCode;

    public string LogPath => process.LogPath;

    /// <summary>Starts the host in <paramref name="appDirectory"/> with <paramref name="arguments"/>; does not wait for it.</summary>
    public static SchedulerProcess Start(
        string appDirectory,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> settings,
        string logPath,
        IEnumerable<string>? unset = null)
    {
        var app = Path.Combine(appDirectory, AppFile);
        if (!File.Exists(app))
        {
            throw new FileNotFoundException($"{app} is not built.", app);
        }

        return new SchedulerProcess(ChildProcess.Start("dotnet", [app, .. arguments], appDirectory, settings, logPath, unset));
    }

    /// <summary>
    /// Starts the host listening on <paramref name="url"/> and waits until its <c>/health/ready</c> answers 200. A host
    /// that ends first, or is not ready within <paramref name="readyTimeout"/>, is stopped and reported with the end
    /// of its log (<see cref="SchedulerStartException"/>).
    /// </summary>
    public static async Task<SchedulerProcess> StartAsync(
        string appDirectory,
        Uri url,
        IReadOnlyDictionary<string, string> settings,
        string logPath,
        TimeSpan readyTimeout,
        CancellationToken ct = default,
        IEnumerable<string>? unset = null)
    {
        var scheduler = Start(appDirectory, ["--urls", url.GetLeftPart(UriPartial.Authority)], settings, logPath, unset);
        try
        {
            await scheduler.WaitUntilReadyAsync(url, readyTimeout, ct);
            return scheduler;
        }
        catch
        {
            await scheduler.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Settings that keep the host's silo to itself: a cluster id of its own and its own silo and gateway ports, so
    /// that it never joins another localhost silo on this machine (a developer's, another test's).
    /// </summary>
    public static IReadOnlyDictionary<string, string> OwnCluster(string clusterId, int siloPort, int gatewayPort) => new Dictionary<string, string>
    {
        ["Scheduler__ClusterId"] = clusterId,
        ["Scheduler__Silo__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
        ["Scheduler__Silo__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
    };

    public async Task WaitUntilReadyAsync(Uri url, TimeSpan timeout, CancellationToken ct = default)
    {
        using var http = new HttpClient();
        if (await ReadinessProbe.WaitAsync(http, url, timeout, () => !process.HasExited, ct))
        {
            return;
        }

        var reason = process.ExitCode is { } code
            ? $"exited (code {code}) before it was ready"
            : $"was not ready at {url} within {timeout.TotalSeconds:0} s";
        throw new SchedulerStartException(reason, process.ExitCode, LogPath, Tail(30));
    }

    /// <summary>The last lines of the host's log, for error messages.</summary>
    public string Tail(int lines) => process.Tail(lines);

    /// <summary>SIGTERM (the host shuts down in order), then SIGKILL after <paramref name="grace"/>.</summary>
    public Task StopAsync(TimeSpan grace) => process.StopAsync(grace);

    /// <summary>kill -9: no shutdown hook, no flush, sockets dropped.</summary>
    public Task KillAsync() => process.KillAsync();

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
