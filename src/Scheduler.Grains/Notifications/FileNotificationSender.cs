using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Scheduler.Grains.Notifications;

/// <summary>Development and test sink: each message becomes one JSON file in <see cref="NotificationOptions.Directory"/>.</summary>
public sealed class FileNotificationSender(IOptions<NotificationOptions> options, TimeProvider clock) : INotificationSender
{
    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.Value.Directory);
        Directory.CreateDirectory(directory);
        var name = $"{clock.GetUtcNow():yyyyMMddTHHmmssfff}-{message.Channel}-{Guid.NewGuid():N}.json";
        var temporary = Path.Combine(directory, name + ".tmp");
        await File.WriteAllBytesAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(
            new FileMessage(message.Channel, message.Recipient, message.Subject, message.Body, clock.GetUtcNow())), cancellationToken);
        // Renamed into place so a reader never sees half a message.
        File.Move(temporary, Path.Combine(directory, name));
    }

    /// <summary>The file's content.</summary>
    public sealed record FileMessage(string Channel, string To, string Subject, string Body, DateTimeOffset SentAt);
}
