namespace Scheduler.Grains.Notifications;

/// <summary>Delivers one message on one channel; throws when it could not (the outbox retries later).</summary>
public interface INotificationSender
{
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}
