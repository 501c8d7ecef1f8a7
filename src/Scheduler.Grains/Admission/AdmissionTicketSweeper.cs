using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scheduler.Grains.Hosting;
using Scheduler.Storage;

namespace Scheduler.Grains.Admission;

/// <summary>
/// Deletes the waiting room's rows once they are older than <see cref="AdmissionOptions.TicketLifetime"/> plus
/// <see cref="AdmissionOptions.TicketRetentionMargin"/>, every <see cref="AdmissionOptions.TicketSweepInterval"/>, so
/// the table holds the recent rushes and not every ticket ever taken. No partition reads a row that old (a partition
/// reads back only its tickets of the last lifetime), so nothing waiting or admitted is touched. Oldest first, a batch
/// per transaction, so a run costs what expired since the last one and never holds the SQLite writer for long. Every
/// silo runs it: deleting a row twice deletes it once.
/// </summary>
public sealed class AdmissionTicketSweeper(
    AdmissionStore store,
    TimeProvider clock,
    IOptions<AdmissionOptions> options,
    ILogger<AdmissionTicketSweeper> logger) : BackgroundService
{
    /// <summary>Rows deleted per transaction.</summary>
    public const int BatchSize = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.TicketSweepInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    // The rows left are found again at the next interval.
                    logger.LogWarning(failure, "Deleting expired waiting-room tickets failed; trying again at the next interval");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    /// <summary>One run: deletes every row past the lifetime and margin, a batch at a time; answers how many went.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - options.Value.TicketLifetime - options.Value.TicketRetentionMargin;
        var deleted = 0;
        int batch;
        do
        {
            batch = await store.DeleteArrivedBeforeAsync(before, BatchSize, cancellationToken);
            deleted += batch;
        }
        while (batch == BatchSize);

        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} waiting-room tickets that arrived before {Before}", deleted, before);
        }

        return deleted;
    }
}
