using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scheduler.Grains.Admission;
using Scheduler.Grains.Hosting;
using Scheduler.Storage;

namespace Scheduler.Storage.Tests;

/// <summary>
/// The waiting room's rows do not pile up: rows older than the ticket lifetime plus its margin are deleted, oldest
/// first, a batch at a time, and the tickets a partition still reads back stay, on SQLite and PostgreSQL.
/// </summary>
public sealed class AdmissionRetentionTests
{
    private const string Partition = "cpp-biometrics/3";

    public static TheoryData<string> Databases => new() { "sqlite", "postgresql" };

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task Deleting_by_age_takes_the_oldest_rows_a_batch_at_a_time_and_leaves_the_recent_ones(string kind)
    {
        await using var test = await SchedulerTestDatabase.CreateAsync(kind, "admission-retention");
        await using var services = new ServiceCollection().AddMetrics().AddSingleton<StorageMetrics>().BuildServiceProvider();
        var store = new AdmissionStore(test.Scheduler, services.GetRequiredService<StorageMetrics>());
        var now = DateTimeOffset.UtcNow;
        await Task.WhenAll(
            store.JoinAsync(Partition, "old-1", null, now.AddHours(-30)),
            store.JoinAsync(Partition, "old-2", null, now.AddHours(-20)),
            store.JoinAsync(Partition, "old-3", 42, now.AddHours(-14)),
            store.JoinAsync(Partition, "recent", null, now.AddHours(-1)));
        await store.AdmitAsync("old-2", now.AddHours(-19));

        Assert.Equal(2, await store.DeleteArrivedBeforeAsync(now.AddHours(-13), batch: 2));
        Assert.Equal(["old-3", "recent"], (await store.ReadAsync(Partition, now.AddDays(-7))).Select(t => t.Ticket));

        Assert.Equal(1, await store.DeleteArrivedBeforeAsync(now.AddHours(-13), batch: 2));
        Assert.Equal(0, await store.DeleteArrivedBeforeAsync(now.AddHours(-13), batch: 2));
        Assert.Equal(["recent"], (await store.ReadAsync(Partition, now.AddDays(-7))).Select(t => t.Ticket));

        // A deleted ticket's id can be stored again (the row, not memory, made it unique), so only expired ones go.
        Assert.True(await store.JoinAsync(Partition, "old-1", null, now) > 0);
        Assert.True(await store.JoinAsync(Partition, "recent", null, now) < 0);
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task The_sweeper_deletes_every_ticket_past_its_lifetime_and_margin_in_batches_and_nothing_younger(string kind)
    {
        await using var test = await SchedulerTestDatabase.CreateAsync(kind, "admission-sweeper");
        await using var services = new ServiceCollection().AddMetrics().AddSingleton<StorageMetrics>().BuildServiceProvider();
        var store = new AdmissionStore(test.Scheduler, services.GetRequiredService<StorageMetrics>());
        var now = DateTimeOffset.UtcNow;
        var options = new AdmissionOptions { TicketLifetime = TimeSpan.FromHours(12), TicketRetentionMargin = TimeSpan.FromHours(1) };

        // More expired rows than one batch, spread over the hours before the cutoff (13 h ago), and some just inside it.
        var expired = AdmissionTicketSweeper.BatchSize + 250;
        await Task.WhenAll(Enumerable.Range(0, expired)
            .Select(i => store.JoinAsync(Partition, $"expired-{i}", null, now.AddHours(-13).AddSeconds(-1 - i))));
        await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => store.JoinAsync(Partition, $"kept-{i}", null, now.AddHours(-13).AddMinutes(1 + i))));

        var sweeper = new AdmissionTicketSweeper(store, new FixedClock(now), Options.Create(options), NullLogger<AdmissionTicketSweeper>.Instance);
        Assert.Equal(expired, await sweeper.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await sweeper.RunOnceAsync(CancellationToken.None));

        var left = await store.ReadAsync(Partition, now.AddDays(-7));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"kept-{i}"), left.Select(t => t.Ticket));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
