using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

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

    /// <summary>A host on a fresh database file of its own, deleted when the host is disposed.</summary>
    public SchedulerApiFactory()
    {
        ownDirectory = new TemporaryDirectory();
        DatabasePath = ownDirectory.File("scheduler.db");
    }

    /// <summary>A host on <paramref name="databasePath"/>, which outlives it (to start another host on it): see <see cref="StartAsync"/>.</summary>
    private SchedulerApiFactory(string databasePath) => DatabasePath = databasePath;

    public string DatabasePath { get; }

    public OperatorTokens Tokens { get; } = new();

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
        var siloPort = FreePort();
        var gatewayPort = FreePort();
        while (gatewayPort == siloPort)
        {
            gatewayPort = FreePort();
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
        foreach (var (key, value) in Tokens.Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
