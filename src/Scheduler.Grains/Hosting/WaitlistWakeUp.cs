using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scheduler.Contracts;
using Scheduler.Grains.Persistence;

namespace Scheduler.Grains.Hosting;

/// <summary>
/// After start, wakes every waitlist partition that holds waiting entries; each registers its reminder on activation.
/// Reminders are stored (PostgreSQL, or the SQLite file), so this only matters for waiting rows that no partition
/// wrote: entries an upgrade carried over from an earlier release, or rows whose partition died before its reminder
/// was stored. Waking a partition that is already awake does nothing.
/// </summary>
public sealed class WaitlistWakeUp(IGrainFactory grains, WaitlistStore store, ILogger<WaitlistWakeUp> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Allocation requests share the table in partitions of their own; their grain keeps its reminder stored.
        var partitions = (await store.WaitingPartitionsAsync(cancellationToken)).Where(p => !RequestPartition.IsRequests(p)).ToArray();
        await Task.WhenAll(partitions.Select(p => grains.GetGrain<IWaitlistPartitionGrain>(p).Wake()));
        logger.LogInformation("Woke {Partitions} waitlist partitions with waiting entries", partitions.Length);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
