using System.ComponentModel.DataAnnotations;

namespace Scheduler.Grains.Notifications;

/// <summary>How messages from the outbox are delivered (section <c>Scheduler:Notifications</c>).</summary>
public sealed class NotificationOptions : IValidatableObject
{
    public const string Section = "Scheduler:Notifications";

    /// <summary>Where e-mail goes: <see cref="EmailSender.File"/> (development, tests) or <see cref="EmailSender.Smtp"/>.</summary>
    public EmailSender Email { get; set; } = EmailSender.File;

    /// <summary>Where text messages go: <see cref="SmsSender.File"/> or an HTTP <see cref="SmsSender.Webhook"/> of an SMS gateway.</summary>
    public SmsSender Sms { get; set; } = SmsSender.File;

    /// <summary>The folder the file sink writes one JSON file per message into (relative to the working directory).</summary>
    [Required]
    public string Directory { get; set; } = "notifications";

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>The SMS gateway's URL; it receives <c>POST {"to": "+51...", "text": "..."}</c>.</summary>
    public Uri? SmsWebhookUrl { get; set; }

    /// <summary>How often the sender looks for due messages.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts before a message is given up (it stays, marked failed, with its last error).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>
    /// Recovery messages one document number may cause per hour, counting each contact (e-mail, phone) as one,
    /// so that nobody can flood another person's inbox by asking for their code again and again.
    /// </summary>
    [Range(1, 1000)]
    public int RecoveryMessagesPerHour { get; set; } = 6;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Email == EmailSender.Smtp && (string.IsNullOrWhiteSpace(Smtp.Host) || string.IsNullOrWhiteSpace(Smtp.From)))
        {
            yield return new ValidationResult(
                "Scheduler:Notifications:Email is Smtp: set Scheduler:Notifications:Smtp:Host and Scheduler:Notifications:Smtp:From.", ["Smtp"]);
        }

        if (Sms == SmsSender.Webhook && SmsWebhookUrl is not { IsAbsoluteUri: true })
        {
            yield return new ValidationResult(
                "Scheduler:Notifications:Sms is Webhook: set Scheduler:Notifications:SmsWebhookUrl to an absolute URL.", ["SmsWebhookUrl"]);
        }
    }
}

public enum EmailSender
{
    File,
    Smtp,
}

public enum SmsSender
{
    File,
    Webhook,
}

/// <summary>The SMTP relay e-mail is handed to (MailKit).</summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (default), <c>SslOnConnect</c>, or <c>None</c> (a relay on a private network only).</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address, e.g. <c>citas@migraciones.gob.pe</c>.</summary>
    public string? From { get; set; }
}

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}
