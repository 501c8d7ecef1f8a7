using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scheduler.Contracts;
using Scheduler.Grains.Persistence;

namespace Scheduler.Grains.Hosting;

/// <summary>
/// On a single silo whose reminders live in memory (localhost clustering), a restart forgets the waitlist
/// partitions' reminders: after start, this wakes every partition that holds waiting entries, and each registers
/// its reminder again on activation. A cluster keeps its reminders in PostgreSQL and needs none of this.
/// </summary>
public sealed class WaitlistWakeUp(IGrainFactory grains, WaitlistStore store, ILogger<WaitlistWakeUp> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var partitions = await store.WaitingPartitionsAsync(cancellationToken);
        await Task.WhenAll(partitions.Select(p => grains.GetGrain<IWaitlistPartitionGrain>(p).Wake()));
        logger.LogInformation("Woke {Partitions} waitlist partitions with waiting entries", partitions.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
