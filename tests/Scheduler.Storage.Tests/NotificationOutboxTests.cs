using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Scheduler.Grains.Hosting;
using Scheduler.Grains.Notifications;

namespace Scheduler.Storage.Tests;

/// <summary>The outbox table on both databases: leases, retries, erasure after delivery, throttling, and senders that never share a message.</summary>
public sealed class NotificationOutboxTests
{
    public static TheoryData<string> Databases => new() { "sqlite", "postgresql" };

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task A_leased_message_is_not_handed_out_again_until_it_fails_and_its_retry_is_due(string kind)
    {
        await using var database = await CreateAsync(kind);
        var outbox = Outbox(database);
        Assert.True(await outbox.EnqueueThrottledAsync("person-1", [Message("a@example.org")], perHour: 10));

        var first = Assert.Single(await outbox.ClaimDueAsync(10, TimeSpan.FromMinutes(5), CancellationToken.None));
        Assert.Empty(await outbox.ClaimDueAsync(10, TimeSpan.FromMinutes(5), CancellationToken.None));
        await outbox.MarkFailedAsync(first.Id, "relay down", DateTimeOffset.UtcNow.AddSeconds(-1), CancellationToken.None);
        var second = Assert.Single(await outbox.ClaimDueAsync(10, TimeSpan.FromMinutes(5), CancellationToken.None));

        Assert.Equal((1, 2), (first.Attempt, second.Attempt));
        Assert.Equal(first.Message, second.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task A_delivered_message_keeps_its_row_but_loses_its_body(string kind)
    {
        await using var database = await CreateAsync(kind);
        var outbox = Outbox(database);
        await outbox.EnqueueThrottledAsync("person-2", [Message("b@example.org")], perHour: 10);
        var due = Assert.Single(await outbox.ClaimDueAsync(10, TimeSpan.FromMinutes(5), CancellationToken.None));

        await outbox.MarkSentAsync(due.Id, CancellationToken.None);

        Assert.Equal("1|", await database.ScalarTextAsync("SELECT COUNT(*) || '|' || MAX(body) FROM scheduler_outbox WHERE sent_at IS NOT NULL"));
        Assert.Empty(await outbox.ClaimDueAsync(10, TimeSpan.FromMinutes(5), CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task One_person_causes_at_most_the_hourly_number_of_messages(string kind)
    {
        await using var database = await CreateAsync(kind);
        var outbox = Outbox(database);

        var stored = new List<bool>();
        for (var i = 0; i < 5; i++)
        {
            stored.Add(await outbox.EnqueueThrottledAsync("person-3", [Message("c@example.org"), Message("+51987650000", NotificationChannel.Sms)], perHour: 6));
        }

        Assert.Equal([true, true, true, false, false], stored);
        Assert.True(await outbox.EnqueueThrottledAsync("person-4", [Message("d@example.org")], perHour: 6));
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task Senders_claiming_at_once_share_out_every_message_exactly_once(string kind)
    {
        await using var database = await CreateAsync(kind);
        var outbox = Outbox(database);
        for (var i = 0; i < 40; i++)
        {
            await outbox.EnqueueThrottledAsync($"person-{i}", [Message($"p{i}@example.org"), Message($"q{i}@example.org")], perHour: 10);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            var mine = new List<long>();
            while ((await outbox.ClaimDueAsync(7, TimeSpan.FromMinutes(5), CancellationToken.None)) is { Count: > 0 } batch)
            {
                mine.AddRange(batch.Select(m => m.Id));
            }

            return mine;
        })));

        var all = claims.SelectMany(c => c).ToArray();
        Assert.Equal(80, all.Length);
        Assert.Equal(80, all.Distinct().Count());
    }

    private static OutboxMessage Message(string to, string channel = NotificationChannel.Email) => new(channel, to, "Subject", "Code ABCD-EFGH");

    private static NotificationOutbox Outbox(SchedulerTestDatabase database) => new(database.Scheduler, TimeProvider.System);

    private static Task<SchedulerTestDatabase> CreateAsync(string kind) => SchedulerTestDatabase.CreateAsync(kind, "outbox-tests");
}
