using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Scheduler.Grains.Hosting;
using Scheduler.Grains.Storage;
using Scheduler.Storage;

namespace Scheduler.Storage.Tests;

/// <summary>The SQLite reminder table keeps Orleans' reminder contract: ETags that change on every upsert, guarded removal, hash ranges that wrap.</summary>
public sealed class SqliteReminderTableTests
{
    [Fact]
    public async Task Reminders_are_read_by_grain_by_name_and_by_hash_range_and_removed_only_with_their_current_ETag()
    {
        await using var database = new SqliteTestDatabase();
        await database.InstallSchemaAsync(CancellationToken.None);
        var cluster = Options.Create(new ClusterOptions { ServiceId = "reminder-tests" });
        var table = new SqliteReminderTable(
            new SchedulerDatabase(new StorageSettings { Provider = StorageProvider.Sqlite, ConnectionString = database.ConnectionString }, cluster, new SqliteWriteGate()), cluster);
        var grains = Enumerable.Range(0, 40).Select(i => GrainId.Create("capacity-transfer", $"t-{i}")).ToArray();
        var start = new DateTime(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);
        foreach (var grain in grains)
        {
            await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "settle", StartAt = start, Period = TimeSpan.FromMinutes(1) });
        }

        var first = await table.UpsertRow(new ReminderEntry { GrainId = grains[0], ReminderName = "other", StartAt = start, Period = TimeSpan.FromSeconds(2) });
        var second = await table.UpsertRow(new ReminderEntry { GrainId = grains[0], ReminderName = "other", StartAt = start.AddSeconds(5), Period = TimeSpan.FromSeconds(2) });
        Assert.NotEqual(first, second);

        var read = await table.ReadRow(grains[0], "other");
        Assert.Equal((start.AddSeconds(5), TimeSpan.FromSeconds(2), second), (read!.StartAt, read.Period, read.ETag));
        Assert.Equal(["other", "settle"], (await table.ReadRows(grains[0])).Reminders.Select(r => r.ReminderName).Order());
        Assert.Null(await table.ReadRow(grains[1], "other"));

        // (begin, end] and, when begin >= end, the range that wraps around: together they hold every reminder once.
        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToArray();
        var middle = hashes[hashes.Length / 2];
        var low = (await table.ReadRows(0, middle)).Reminders;
        var wrapped = (await table.ReadRows(middle, 0)).Reminders;
        Assert.All(low, r => Assert.InRange(r.GrainId.GetUniformHashCode(), 1u, middle));
        Assert.All(wrapped, r => Assert.True(r.GrainId.GetUniformHashCode() > middle || r.GrainId.GetUniformHashCode() == 0));
        Assert.Equal(41, low.Count + wrapped.Count);

        Assert.False(await table.RemoveRow(grains[0], "other", first!));
        Assert.True(await table.RemoveRow(grains[0], "other", second!));
        Assert.Null(await table.ReadRow(grains[0], "other"));
    }
}
