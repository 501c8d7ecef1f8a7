using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Scheduler.Storage;

namespace Scheduler.Api.Tests.Infrastructure;

/// <summary>
/// The real API with its co-hosted silo, in this process: its own SQLite file, free silo and gateway ports
/// (so several hosts can run side by side) and a JWT signing key that <see cref="Tokens"/> mints with.
/// Started (and ready) once <see cref="InitializeAsync"/> returns.
/// </summary>
public sealed class SchedulerApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(60);
    private readonly TemporaryDirectory? ownDirectory;
    private readonly IReadOnlyDictionary<string, string> settings = new Dictionary<string, string>();

    /// <summary>A host on a fresh database file of its own, deleted when the host is disposed.</summary>
    public SchedulerApiFactory()
    {
        ownDirectory = new TemporaryDirectory();
        DatabasePath = ownDirectory.File("scheduler.db");
    }

    /// <summary>
    /// A host on a fresh database of its own with <paramref name="settings"/> on top of the test defaults (not yet
    /// started), in <paramref name="environment"/>, trusting <see cref="Tokens"/> unless <paramref name="tokenSettings"/> is false.
    /// </summary>
    public static SchedulerApiFactory With(IReadOnlyDictionary<string, string> settings, string environment = "Development", bool tokenSettings = true) =>
        new(settings) { environment = environment, tokenSettings = tokenSettings };

    private SchedulerApiFactory(IReadOnlyDictionary<string, string> settings)
        : this() => this.settings = settings;

    /// <summary>Runs <paramref name="test"/> against a started host of its own with <paramref name="settings"/>, then disposes it.</summary>
    public static async Task RunWithAsync(IReadOnlyDictionary<string, string> settings, Func<SchedulerApiFactory, Task> test)
    {
        var host = With(settings);
        await host.InitializeAsync();
        try
        {
            await test(host);
        }
        finally
        {
            await ((IAsyncLifetime)host).DisposeAsync();
        }
    }

    private string environment = "Development";
    private bool tokenSettings = true;

    /// <summary>A host on <paramref name="databasePath"/>, which outlives it (to start another host on it): see <see cref="StartAsync"/>.</summary>
    private SchedulerApiFactory(string databasePath) => DatabasePath = databasePath;

    public string DatabasePath { get; }

    /// <summary>Where the host's file sink delivers e-mail and text messages (one JSON file each).</summary>
    public string NotificationsDirectory => Path.Combine(Path.GetDirectoryName(DatabasePath)!, "notifications");

    /// <summary>The messages delivered so far.</summary>
    public IReadOnlyList<Scheduler.Grains.Notifications.FileNotificationSender.FileMessage> Notifications() =>
        Directory.Exists(NotificationsDirectory)
            ? Directory.GetFiles(NotificationsDirectory, "*.json")
                .Select(f => System.Text.Json.JsonSerializer.Deserialize<Scheduler.Grains.Notifications.FileNotificationSender.FileMessage>(File.ReadAllBytes(f))!)
                .ToArray()
            : [];

    public OperatorTokens Tokens { get; } = new();

    /// <summary>Failures tests arm between the steps of operator operations.</summary>
    public InjectedFaults Faults { get; } = new();

    /// <summary>A logger provider the host logs to as well, at every level (set before the host starts).</summary>
    public Microsoft.Extensions.Logging.ILoggerProvider? LogCapture { get; set; }

    /// <summary>Starts a host on <paramref name="databasePath"/> and waits until it reports ready.</summary>
    public static async Task<SchedulerApiFactory> StartAsync(string databasePath)
    {
        var factory = new SchedulerApiFactory(databasePath);
        await factory.InitializeAsync();
        return factory;
    }

    public async Task InitializeAsync()
    {
        // Creating the first client starts the host: schema, silo, seed (hosted services start in order).
        using var client = await Task.Run(() => CreateClient());
        var deadline = DateTime.UtcNow + ReadyWithin;
        while (true)
        {
            using var ready = await client.GetAsync("/health/ready");
            if (ready.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The API did not become ready within {ReadyWithin}: {await ready.Content.ReadAsStringAsync()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A client whose requests carry <paramref name="token"/> as a bearer token.</summary>
    public HttpClient CreateClient(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        ownDirectory?.Dispose();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var siloPort = FreePorts.Any();
        var gatewayPort = FreePorts.Any();
        while (gatewayPort == siloPort)
        {
            gatewayPort = FreePorts.Any();
        }

        builder.UseSetting("Scheduler:Storage:Provider", "Sqlite");
        builder.UseSetting("Scheduler:Storage:ConnectionString", $"Data Source={DatabasePath}");
        builder.UseSetting("Scheduler:Clustering:Provider", "Localhost");
        builder.UseSetting("Scheduler:Api:Mode", "CoHosted");
        builder.UseSetting("Scheduler:Silo:SiloPort", siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Scheduler:Silo:GatewayPort", gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Error");
        builder.UseSetting("Logging:LogLevel:Orleans", "Error");
        builder.UseSetting("Scheduler:Notifications:Directory", NotificationsDirectory);
        builder.UseSetting("Scheduler:Notifications:PollInterval", "00:00:00.100");
        // Tests of one host share its client address and try the same unknown codes again and again: the limits on failed
        // ownership proofs are tested on hosts of their own (OwnershipApiTests) and are out of the way here.
        builder.UseSetting("Scheduler:Api:OwnershipFailuresPerClient", "1000000");
        builder.UseSetting("Scheduler:Api:OwnershipFailuresPerCode", "1000000");
        // Likewise the abuse limits per address and per document (LimitsApiTests turn them on).
        builder.UseSetting("Scheduler:Limits:Enabled", "false");
        // The in-process server has no connection: requests arrive as from loopback, as through a real socket.
        builder.ConfigureServices(services => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, LoopbackConnection>(services));
        builder.ConfigureServices(services => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<IFaultInjection>(services, Faults));
        builder.UseEnvironment(environment);
        if (LogCapture is { } capture)
        {
            builder.ConfigureServices(services => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, capture));
        }
        foreach (var (key, value) in (tokenSettings ? Tokens.Settings : new Dictionary<string, string>()).Concat(settings))
        {
            builder.UseSetting(key, value);
        }
    }
}

/// <summary>Gives requests of the in-process test server the loopback address a real local connection has.</summary>
internal sealed class LoopbackConnection : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        Microsoft.AspNetCore.Builder.UseExtensions.Use(app, (Microsoft.AspNetCore.Http.HttpContext http, Microsoft.AspNetCore.Http.RequestDelegate following) =>
        {
            http.Connection.RemoteIpAddress ??= IPAddress.Loopback;
            return following(http);
        });
        next(app);
    };
}
