using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using Scheduler.Grains.Notifications;

namespace Scheduler.Domain.Tests;

/// <summary>The SMTP sender speaks real SMTP (MailKit) to a relay: here a minimal one on loopback that records what it receives.</summary>
public sealed class SmtpNotificationSenderTests
{
    [Fact]
    public async Task An_email_reaches_the_relay_with_sender_recipient_subject_and_body()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var relay = ReceiveOneAsync(listener);
        var sender = new SmtpNotificationSender(Options.Create(new NotificationOptions
        {
            Email = EmailSender.Smtp,
            Smtp = new SmtpSettings
            {
                Host = "127.0.0.1",
                Port = ((IPEndPoint)listener.LocalEndpoint).Port,
                Security = SmtpSecurity.None,
                From = "citas@migraciones.example",
            },
        }));

        await sender.SendAsync(new OutboxMessage(NotificationChannel.Email, "holder@example.org", "Su código", "Su código es TBWE-3DWJ."), CancellationToken.None);

        var (envelope, data) = await relay.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("MAIL FROM:<citas@migraciones.example>", envelope);
        Assert.Contains("RCPT TO:<holder@example.org>", envelope);
        Assert.Contains("To: holder@example.org", data);
        Assert.Contains("TBWE-3DWJ", data);
    }

    [Fact]
    public async Task A_relay_that_refuses_the_recipient_makes_the_send_fail_so_the_outbox_retries()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        _ = ReceiveOneAsync(listener, refuseRecipient: true);
        var sender = new SmtpNotificationSender(Options.Create(new NotificationOptions
        {
            Smtp = new SmtpSettings { Host = "127.0.0.1", Port = ((IPEndPoint)listener.LocalEndpoint).Port, Security = SmtpSecurity.None, From = "citas@migraciones.example" },
        }));

        await Assert.ThrowsAnyAsync<Exception>(() =>
            sender.SendAsync(new OutboxMessage(NotificationChannel.Email, "nobody@example.org", "s", "b"), CancellationToken.None));
    }

    private static async Task<(string Envelope, string Data)> ReceiveOneAsync(TcpListener listener, bool refuseRecipient = false)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        var envelope = new StringBuilder();
        var data = new StringBuilder();
        await writer.WriteLineAsync("220 relay.test ESMTP");
        while (await reader.ReadLineAsync() is { } line)
        {
            envelope.AppendLine(line);
            var verb = line.Split(' ', ':')[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO" or "HELO":
                    await writer.WriteLineAsync("250 relay.test");
                    break;
                case "MAIL":
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "RCPT":
                    await writer.WriteLineAsync(refuseRecipient ? "550 No such user" : "250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    while (await reader.ReadLineAsync() is { } body && body != ".")
                    {
                        data.AppendLine(body);
                    }

                    await writer.WriteLineAsync("250 Queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye");
                    return (envelope.ToString(), data.ToString());
                default:
                    await writer.WriteLineAsync("250 OK");
                    break;
            }
        }

        return (envelope.ToString(), data.ToString());
    }
}
