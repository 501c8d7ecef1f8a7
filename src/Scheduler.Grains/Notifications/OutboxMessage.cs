namespace Scheduler.Grains.Notifications;

/// <summary>A message to one person, as the outbox stores it until a sender delivers it.</summary>
/// <param name="Channel"><see cref="NotificationChannel.Email"/> or <see cref="NotificationChannel.Sms"/>.</param>
/// <param name="Recipient">An e-mail address or a phone number in international form.</param>
/// <param name="Subject">The e-mail's subject (SMS ignore it).</param>
/// <param name="Body">Plain text; it may hold a code, so the outbox erases it once delivered.</param>
public sealed record OutboxMessage(string Channel, string Recipient, string Subject, string Body);

/// <summary>How a message reaches its recipient.</summary>
public static class NotificationChannel
{
    public const string Email = "email";
    public const string Sms = "sms";
}
