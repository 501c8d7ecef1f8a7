using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Scheduler.Grains.Notifications;

/// <summary>
/// Delivers the outbox: every <see cref="NotificationOptions.PollInterval"/> it leases due messages, hands each
/// to the channel's sender, and marks it sent, or schedules a retry with exponential backoff (2 s, 4 s, ... up
/// to 10 min) until <see cref="NotificationOptions.MaxAttempts"/>. Runs on every silo.
/// </summary>
public sealed class OutboxSender(
    NotificationOutbox outbox,
    IOptions<NotificationOptions> options,
    [FromKeyedServices(NotificationChannel.Email)] INotificationSender email,
    [FromKeyedServices(NotificationChannel.Sms)] INotificationSender sms,
    TimeProvider clock,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private const int BatchSize = 50;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        do
        {
            try
            {
                while (await DeliverDueAsync(stoppingToken) == BatchSize)
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                // The database is away: the messages wait in it; try again on the next tick.
                logger.LogWarning(failure, "The notification outbox could not be read; retrying");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default));
    }

    /// <summary>Delivers one batch of due messages; answers how many it leased.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var due = await outbox.ClaimDueAsync(BatchSize, Lease, cancellationToken);
        foreach (var item in due)
        {
            var sender = item.Message.Channel == NotificationChannel.Sms ? sms : email;
            try
            {
                await sender.SendAsync(item.Message, cancellationToken);
                await outbox.MarkSentAsync(item.Id, cancellationToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var giveUp = item.Attempt >= options.Value.MaxAttempts;
                var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, item.Attempt)));
                // A relay's refusal often quotes the address it refused: the recipient stays out of logs and the row.
                var error = failure.Message.Replace(item.Message.Recipient, "<recipient>", StringComparison.OrdinalIgnoreCase);
                logger.LogWarning("Outbox message {Id} ({Channel}) attempt {Attempt} failed: {Error}{GiveUp}",
                    item.Id, item.Message.Channel, item.Attempt, error, giveUp ? "; giving up" : string.Empty);
                await outbox.MarkFailedAsync(item.Id, failure.GetType().Name + ": " + error, giveUp ? null : clock.GetUtcNow() + backoff, cancellationToken);
            }
        }

        return due.Count;
    }
}
