using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Scheduler.Grains.Notifications;

public static class NotificationServices
{
    /// <summary>The outbox, its senders (chosen by <see cref="NotificationOptions"/>), and the background delivery.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        if (services.Any(s => s.ServiceType == typeof(NotificationOutbox)))
        {
            return services;
        }

        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<NotificationOutbox>();
        services.AddSingleton<FileNotificationSender>();
        services.AddSingleton<SmtpNotificationSender>();
        services.AddSingleton(provider => new SmsWebhookSender(
            new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, provider.GetRequiredService<IOptions<NotificationOptions>>()));
        services.AddKeyedSingleton<INotificationSender>(NotificationChannel.Email, (provider, _) =>
            provider.GetRequiredService<IOptions<NotificationOptions>>().Value.Email == EmailSender.Smtp
                ? provider.GetRequiredService<SmtpNotificationSender>()
                : provider.GetRequiredService<FileNotificationSender>());
        services.AddKeyedSingleton<INotificationSender>(NotificationChannel.Sms, (provider, _) =>
            provider.GetRequiredService<IOptions<NotificationOptions>>().Value.Sms == SmsSender.Webhook
                ? provider.GetRequiredService<SmsWebhookSender>()
                : provider.GetRequiredService<FileNotificationSender>());
        services.AddHostedService<OutboxSender>();
        return services;
    }
}
