using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Scheduler.Storage.Tests;

/// <summary>A database with the schema installed and a running two-silo cluster that stores grains in it.</summary>
public sealed record StorageClusterContext(ITestDatabase Database, InProcessTestCluster Cluster)
{
    public string ServiceId => Cluster.Options.ServiceId;

    /// <summary>The storage provider instance of one silo, for driving the provider directly.</summary>
    public IGrainStorage Storage(int siloIndex, string providerName) =>
        Cluster.Silos[siloIndex].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(providerName);
}
