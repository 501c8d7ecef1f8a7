using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Scheduler.Web.Tests.Infrastructure;

/// <summary>
/// The real scheduler (API with its co-hosted silo, embedded SQLite default) in this process, listening on a real
/// Kestrel port so that a browser can reach it: its own database file, free silo and gateway ports, and a JWT signing
/// key that <see cref="Tokens"/> mints operator tokens with. The abuse limits stay at their defaults: the pages must
/// live within them.
/// </summary>
public sealed class WebHostFactory : WebApplicationFactory<Program>
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "scheduler-web-tests-" + Guid.NewGuid().ToString("N"));

    public WebHostFactory()
    {
        Directory.CreateDirectory(directory);
        Port = FreePorts.Any();
        UseKestrel(Port);
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public OperatorTokens Tokens { get; } = new();

    /// <summary>Where the host's file sink delivers e-mail and text messages (one JSON file each).</summary>
    public string NotificationsDirectory => Path.Combine(directory, "notifications");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var siloPort = FreePorts.Any();
        var gatewayPort = FreePorts.Any();
        while (gatewayPort == siloPort)
        {
            gatewayPort = FreePorts.Any();
        }

        builder.UseSetting("Scheduler:Storage:Provider", "Sqlite");
        builder.UseSetting("Scheduler:Storage:ConnectionString", $"Data Source={Path.Combine(directory, "scheduler.db")}");
        builder.UseSetting("Scheduler:Clustering:Provider", "Localhost");
        builder.UseSetting("Scheduler:Api:Mode", "CoHosted");
        builder.UseSetting("Scheduler:ClusterId", "web-tests-" + Guid.NewGuid().ToString("N")[..8]);
        builder.UseSetting("Scheduler:Silo:SiloPort", siloPort.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Scheduler:Silo:GatewayPort", gatewayPort.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Scheduler:Notifications:Directory", NotificationsDirectory);
        // Only a procedure whose waiting room an operator switches on is affected: there every arrival solves a proof of
        // work (as under a surge), small enough that the page's worker solves it in well under a second.
        builder.UseSetting("Scheduler:Admission:ChallengeAboveWaiting", "0");
        builder.UseSetting("Scheduler:Admission:MinDifficulty", "10");
        builder.UseSetting("Scheduler:Admission:MaxDifficulty", "10");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Error");
        builder.UseSetting("Logging:LogLevel:Orleans", "Error");
        foreach (var (key, value) in Tokens.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Development");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a pooled connection: the temp folder's own cleanup takes it later.
        }
    }
}
