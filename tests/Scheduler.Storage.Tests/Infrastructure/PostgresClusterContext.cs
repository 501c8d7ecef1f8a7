using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Scheduler.Storage.Tests;

/// <summary>Silos and a client that found each other only through the PostgreSQL membership table.</summary>
public sealed record PostgresClusterContext(
    PostgresTestDatabase Database,
    string ClusterId,
    string ServiceId,
    IReadOnlyList<IHost> Silos,
    IHost ClientHost)
{
    public IClusterClient Client => ClientHost.Services.GetRequiredService<IClusterClient>();
}
