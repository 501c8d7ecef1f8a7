using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Scheduler.Grains.Notifications;

/// <summary>Text messages through an SMS gateway's HTTP hook: <c>POST {"to", "text"}</c>; any non-2xx answer is a failure to retry.</summary>
public sealed class SmsWebhookSender(HttpClient http, IOptions<NotificationOptions> options) : INotificationSender
{
    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(options.Value.SmsWebhookUrl, new { to = message.Recipient, text = message.Body }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
