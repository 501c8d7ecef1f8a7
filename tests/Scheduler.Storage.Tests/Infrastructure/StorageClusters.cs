using Orleans.TestingHost;

namespace Scheduler.Storage.Tests;

public static class StorageClusters
{
    /// <summary>Starts an in-process cluster of two silos whose grain storage is the given database.</summary>
    public static async Task<InProcessTestCluster> StartAsync(ITestDatabase database, string serviceId)
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.Options.ServiceId = serviceId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddTestGrainStorage(database));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
