using System.Collections.Concurrent;

namespace Scheduler.Grains.Tests;

/// <summary>
/// One reminder table for every silo of an in-process test cluster, outliving any of them, as the reminders table
/// in PostgreSQL does for a real cluster. (Orleans' in-memory reminder service keeps its table in a grain, which
/// dies with its silo: a test of surviving a silo loss cannot use it.)
/// </summary>
public sealed class SharedReminderTable : IReminderTable
{
    private readonly ConcurrentDictionary<(GrainId Grain, string Name), ReminderEntry> rows = new();
    private long version;

    public Task Init() => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        Task.FromResult(new ReminderTableData(rows.Values.Where(r => r.GrainId == grainId).ToArray()));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        Task.FromResult(new ReminderTableData(rows.Values.Where(r => InRange(r.GrainId.GetUniformHashCode(), begin, end)).ToArray()));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        Task.FromResult(rows.TryGetValue((grainId, reminderName), out var row) ? row : null);

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        var etag = Interlocked.Increment(ref version).ToString(System.Globalization.CultureInfo.InvariantCulture);
        rows[(entry.GrainId, entry.ReminderName)] = new ReminderEntry
        {
            GrainId = entry.GrainId,
            ReminderName = entry.ReminderName,
            StartAt = entry.StartAt,
            Period = entry.Period,
            ETag = etag,
        };
        return Task.FromResult<string?>(etag);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        Task.FromResult(rows.TryGetValue((grainId, reminderName), out var row) && row.ETag == eTag && rows.TryRemove(new((grainId, reminderName), row)));

    public Task TestOnlyClearTable()
    {
        rows.Clear();
        return Task.CompletedTask;
    }

    /// <summary>Whether <paramref name="grainId"/> has a reminder named <paramref name="name"/>.</summary>
    public bool Has(GrainId grainId, string name) => rows.ContainsKey((grainId, name));

    // The ring range (begin, end]; begin >= end wraps around.
    private static bool InRange(uint hash, uint begin, uint end) => begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;
}
