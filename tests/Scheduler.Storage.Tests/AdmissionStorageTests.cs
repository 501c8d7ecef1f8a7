using Microsoft.Extensions.DependencyInjection;
using Scheduler.Storage;

namespace Scheduler.Storage.Tests;

/// <summary>
/// The waiting room's table on both databases: arrival numbers in join order across partitions, a ticket stored once,
/// admission and spending written to the ticket's own row, and a partition reading back only its recent tickets.
/// </summary>
public sealed class AdmissionStorageTests
{
    private const string First = "cpp-biometrics/0";
    private const string Second = "cpp-biometrics/1";

    public static TheoryData<string> Databases => new() { "sqlite", "postgresql" };

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task Tickets_read_back_per_partition_in_arrival_order_with_their_admission_and_spending(string kind)
    {
        await using var test = await SchedulerTestDatabase.CreateAsync(kind, "admission-tests");
        await using var services = new ServiceCollection().AddMetrics().AddSingleton<StorageMetrics>().BuildServiceProvider();
        var store = new AdmissionStore(test.Scheduler, services.GetRequiredService<StorageMetrics>());
        var now = DateTimeOffset.UtcNow;

        // One batch: joins in two partitions (an early arrival with its drawn key), then the same ticket again.
        var joins = await Task.WhenAll(
            store.JoinAsync(First, "t-a", 12345, now),
            store.JoinAsync(Second, "t-b", null, now),
            store.JoinAsync(First, "t-c", null, now),
            store.JoinAsync(First, "t-a", null, now));
        Assert.True(joins[0] > 0 && joins[0] < joins[1] && joins[1] < joins[2], string.Join(", ", joins));
        Assert.Equal(-joins[0], joins[3]);
        Assert.Equal(-joins[2], await store.JoinAsync(First, "t-c", null, now));

        Assert.Equal(1, await store.AdmitAsync("t-a", now.AddSeconds(3)));
        Assert.Equal(0, await store.AdmitAsync("t-a", now.AddSeconds(9)));
        Assert.Equal(1, await store.SpendAsync("t-a", "key-1"));
        Assert.Equal(1, await store.AdmitAsync("t-c", now.AddSeconds(4)));
        Assert.Equal(1, await store.SpendAsync("t-c", null));
        Assert.Equal(1, await store.ReturnAsync("t-c"));

        var first = await store.ReadAsync(First, now.AddMinutes(-1));
        Assert.Equal(
            [("t-a", joins[0], (long?)12345, (long?)now.AddSeconds(3).ToUnixTimeMilliseconds(), true, (string?)"key-1"),
             ("t-c", joins[2], null, now.AddSeconds(4).ToUnixTimeMilliseconds(), false, null)],
            first.Select(t => (t.Ticket, t.Sequence, t.EarlyKey, t.AdmittedAt, t.Spent, t.SpentKey)));
        Assert.Equal(["t-b"], (await store.ReadAsync(Second, now.AddMinutes(-1))).Select(t => t.Ticket));
        Assert.Empty(await store.ReadAsync(First, now.AddMinutes(1)));
    }
}
