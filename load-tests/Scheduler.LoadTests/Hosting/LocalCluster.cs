using System.Text.RegularExpressions;

namespace Scheduler.LoadTests.Hosting;

/// <summary>
/// The multi-silo topology as local processes, through <c>scripts/cluster.sh up --silos N --apis 2</c>
/// (PostgreSQL, N silos, two API front doors) and <c>scripts/cluster.sh down</c> when disposed.
/// </summary>
public sealed partial class LocalCluster : ITarget
{
    private const int ApiCount = 2;
    private readonly string _repositoryRoot;
    private readonly string _logPath;
    private readonly IReadOnlyDictionary<string, string> _environment;

    private LocalCluster(
        string repositoryRoot, string logPath, IReadOnlyDictionary<string, string> environment, IReadOnlyList<Uri> baseUris, IReadOnlyList<Uri> siloUris, string token, int silos)
    {
        _repositoryRoot = repositoryRoot;
        _logPath = logPath;
        _environment = environment;
        BaseUris = baseUris;
        MetricsUris = [.. baseUris, .. siloUris];
        OperatorToken = token;
        Silos = silos;
    }

    public IReadOnlyList<Uri> BaseUris { get; }

    /// <summary>The front doors and the silos' own HTTP ports (<c>/metrics</c>: the journal's rows per transaction are counted in the silos).</summary>
    public IReadOnlyList<Uri> MetricsUris { get; }

    public string? OperatorToken { get; }

    public int Silos { get; }

    public string Description => $"local cluster ({Silos} silos, {ApiCount} APIs, PostgreSQL) at {string.Join(", ", BaseUris)}";

    /// <summary>Where <c>scripts/cluster.sh</c> keeps its records (<c>SCHEDULER_CLUSTER_DIR</c>, else <c>&lt;repo&gt;/.cluster</c>).</summary>
    public string ClusterDirectory =>
        Environment.GetEnvironmentVariable("SCHEDULER_CLUSTER_DIR") is { Length: > 0 } dir ? dir : Path.Combine(_repositoryRoot, ".cluster");

    /// <summary>Silos, front doors and PostgreSQL, from the script's records.</summary>
    public IReadOnlyList<Measurement.WatchedProcess> Processes()
    {
        var processes = ProcessFinder.ClusterRecords(ClusterDirectory).ToList();
        var pgDirectory = Environment.GetEnvironmentVariable("SCHEDULER_PG_DIR") is { Length: > 0 } pg ? pg : Path.Combine(ClusterDirectory, "pg");
        if (ProcessFinder.PostgreSql(pgDirectory) is { } postgres)
        {
            processes.Add(postgres);
        }

        return processes;
    }

    public static async Task<LocalCluster> StartAsync(string repositoryRoot, int silos, string logPath, TimeSpan readyTimeout, TimeProvider time, Action<string> status, CancellationToken ct)
    {
        var tokens = new OperatorTokens(time);
        var environment = new Dictionary<string, string>(tokens.Environment)
        {
            // Every simulated person names an address of their own in X-Forwarded-For; the tool is their proxy.
            ["Scheduler__Limits__TrustedProxies__0"] = "127.0.0.1",
            // As in the embedded scheduler: a rehearsal measures the back end, not the self-switching waiting room.
            ["Scheduler__Admission__AutoOnBookingsPerSecond"] = "0",
        };

        // A service and cluster id of its own (unless the caller chose them): the cluster's PostgreSQL keeps
        // its data between runs, and every storage key carries the service id, so each run starts empty.
        var runId = "loadtest-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        foreach (var key in new[] { "Scheduler__ServiceId", "Scheduler__ClusterId" })
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(key)))
            {
                environment[key] = runId;
            }
        }
        status($"starting the cluster: scripts/cluster.sh up --silos {silos} --apis {ApiCount} (log: {logPath})");
        int? exitCode;
        string output;
        await using (var up = ChildProcess.Start(
            "bash", ["scripts/cluster.sh", "up", "--silos", silos.ToString(System.Globalization.CultureInfo.InvariantCulture), "--apis", $"{ApiCount}"], repositoryRoot, environment, logPath, ToolRuntime.SetForToolOnly()))
        {
            exitCode = await up.WaitForExitAsync(readyTimeout, ct);
            output = up.Tail(200);
        }

        var token = tokens.Operator(ITarget.OperatorName);
        var uris = ApiUris(output);
        if (uris.Count == 0)
        {
            var portBase = int.TryParse(Environment.GetEnvironmentVariable("SCHEDULER_API_PORT_BASE"), out var b) ? b : 5080;
            uris = Enumerable.Range(0, ApiCount).Select(i => new Uri($"http://127.0.0.1:{portBase + i}/")).ToList();
        }

        var cluster = new LocalCluster(repositoryRoot, logPath, environment, uris, SiloUris(output), token, silos);
        if (exitCode != 0)
        {
            await cluster.DisposeAsync();
            throw new TargetUnavailableException($"scripts/cluster.sh up failed (exit {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "timeout"}); last lines:\n{string.Join('\n', output.Split('\n').TakeLast(30))}");
        }

        using var http = new HttpClient();
        foreach (var uri in uris)
        {
            if (!await ReadinessProbe.WaitAsync(http, uri, TimeSpan.FromSeconds(60), () => true, ct))
            {
                await cluster.DisposeAsync();
                throw new TargetUnavailableException($"the cluster's API at {uri} is not ready");
            }
        }

        status($"cluster ready: {string.Join(", ", uris)}");
        return cluster;
    }

    /// <summary>The API addresses that <c>cluster.sh up</c> lists (lines like <c>api0  http://127.0.0.1:5080</c>).</summary>
    public static List<Uri> ApiUris(string output) =>
        ApiLine().Matches(output)
            .Select(m => new Uri(m.Groups["url"].Value.TrimEnd('/') + "/"))
            .Where(LoopbackAddress.IsLoopback)
            .Distinct()
            .ToList();

    /// <summary>The silos' HTTP addresses that <c>cluster.sh up</c> lists (lines like <c>silo0  http://127.0.0.1:5180  (silo ...)</c>).</summary>
    public static List<Uri> SiloUris(string output) =>
        SiloLine().Matches(output)
            .Select(m => new Uri(m.Groups["url"].Value.TrimEnd('/') + "/"))
            .Where(LoopbackAddress.IsLoopback)
            .Distinct()
            .ToList();

    public async ValueTask DisposeAsync()
    {
        await using var down = ChildProcess.Start("bash", ["scripts/cluster.sh", "down"], _repositoryRoot, _environment, _logPath, ToolRuntime.SetForToolOnly());
        await down.WaitForExitAsync(TimeSpan.FromMinutes(3), CancellationToken.None);
    }

    [GeneratedRegex(@"^\s*api\d+\s+(?<url>https?://[^\s]+)", RegexOptions.Multiline)]
    private static partial Regex ApiLine();

    [GeneratedRegex(@"^\s*silo\d+\s+(?<url>https?://[^\s]+)", RegexOptions.Multiline)]
    private static partial Regex SiloLine();
}
