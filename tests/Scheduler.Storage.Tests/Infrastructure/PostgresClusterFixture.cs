using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Scheduler.Storage.Tests;

/// <summary>
/// Two ordinary silo hosts on real TCP ports and one client host, all using ADO.NET clustering,
/// reminders and grain storage on a fresh PostgreSQL schema. Not the in-process test cluster: that
/// one always injects its own in-memory membership table, and here the table under test must be
/// the only way silos and client find each other.
/// </summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    private readonly object _gate = new();
    private Task<PostgresClusterContext>? _started;

    public Task<PostgresClusterContext> GetAsync()
    {
        PostgresEnvironment.RequireConnectionString();
        lock (_gate)
        {
            return _started ??= StartAsync();
        }
    }

    private static async Task<PostgresClusterContext> StartAsync()
    {
        var database = await PostgresTestDatabase.CreateAsync();
        var hosts = new List<IHost>();
        try
        {
            await database.InstallSchemaAsync(CancellationToken.None);
            var clusterId = "cluster-" + Guid.NewGuid().ToString("N");
            var serviceId = "service-" + Guid.NewGuid().ToString("N");

            for (var i = 0; i < 2; i++)
            {
                hosts.Add(await StartHostAsync(builder => builder.UseOrleans(silo =>
                {
                    silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
                    silo.ConfigureEndpoints(IPAddress.Loopback, FreeLoopbackPort(), FreeLoopbackPort());
                    silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (database.Invariant, database.ConnectionString));
                    silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (database.Invariant, database.ConnectionString));
                    silo.AddTestGrainStorage(database);
                })));
            }

            var client = await StartHostAsync(builder => builder.UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
                client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (database.Invariant, database.ConnectionString));
            }));
            hosts.Add(client);

            return new PostgresClusterContext(database, clusterId, serviceId, hosts[..2], client);
        }
        catch
        {
            await StopAsync(hosts);
            await database.DisposeAsync();
            throw;
        }
    }

    private static async Task<IHost> StartHostAsync(Action<HostApplicationBuilder> configure)
    {
        // No default configuration sources: stray Orleans__* environment variables must not leak in.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Development,
        });
        configure(builder);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task StopAsync(IEnumerable<IHost> hosts)
    {
        // Client first (it is last in the list), then the silos together.
        foreach (var host in hosts.Reverse().Take(1))
        {
            await host.StopAsync();
        }

        await Task.WhenAll(hosts.Reverse().Skip(1).Select(host => host.StopAsync()));
        foreach (var host in hosts)
        {
            host.Dispose();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Task<PostgresClusterContext>? started;
        lock (_gate)
        {
            started = _started;
        }

        if (started is { IsCompletedSuccessfully: true })
        {
            var context = started.Result;
            await StopAsync([.. context.Silos, context.ClientHost]);
            await context.Database.DisposeAsync();
        }
    }
}
