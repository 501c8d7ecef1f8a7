using System.Data.Common;
using System.Globalization;
using Orleans.Configuration;
using Microsoft.Extensions.Options;
using Scheduler.Storage;

namespace Scheduler.Grains.Storage;

/// <summary>
/// Orleans reminders kept in the SQLite file (<c>scheduler_reminders</c>), for hosts whose storage is SQLite: the
/// embedded host and test clusters. Orleans' ADO.NET reminder provider serves PostgreSQL only, and its in-memory
/// table lives in one silo (losing that silo loses every reminder). Writes take their turn at the process's
/// <see cref="SqliteWriteGate"/> like every other writer of the file.
/// </summary>
public sealed class SqliteReminderTable(SchedulerDatabase database, IOptions<ClusterOptions> cluster) : IReminderTable
{
    private const string Columns = "grain_id, reminder_name, start_time, period, version";

    private string ServiceId => cluster.Value.ServiceId;

    public Task Init() => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        ReadAsync($"SELECT {Columns} FROM scheduler_reminders WHERE service_id = @service AND grain_id = @grain", ("grain", grainId.ToString()));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        begin < end
            ? ReadAsync($"SELECT {Columns} FROM scheduler_reminders WHERE service_id = @service AND grain_hash > @begin AND grain_hash <= @end", ("begin", (long)begin), ("end", (long)end))
            : ReadAsync($"SELECT {Columns} FROM scheduler_reminders WHERE service_id = @service AND (grain_hash > @begin OR grain_hash <= @end)", ("begin", (long)begin), ("end", (long)end));

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        (await ReadAsync($"SELECT {Columns} FROM scheduler_reminders WHERE service_id = @service AND grain_id = @grain AND reminder_name = @name",
            ("grain", grainId.ToString()), ("name", reminderName))).Reminders.FirstOrDefault();

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        using var turn = await database.WriteTurnAsync();
        await using var connection = await database.OpenAsync();
        await using var upsert = connection.Command("""
            INSERT INTO scheduler_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
            VALUES (@service, @grain, @name, @start, @period, @hash, 0)
            ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
            SET start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash, version = scheduler_reminders.version + 1
            RETURNING version
            """, null,
            ("service", ServiceId), ("grain", entry.GrainId.ToString()), ("name", entry.ReminderName),
            ("start", new DateTimeOffset(DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc)).ToUnixTimeMilliseconds()),
            ("period", (long)entry.Period.TotalMilliseconds), ("hash", (long)entry.GrainId.GetUniformHashCode()));
        return Convert.ToString(await upsert.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        using var turn = await database.WriteTurnAsync();
        await using var connection = await database.OpenAsync();
        await using var delete = connection.Command("""
            DELETE FROM scheduler_reminders WHERE service_id = @service AND grain_id = @grain AND reminder_name = @name AND version = @version
            """, null,
            ("service", ServiceId), ("grain", grainId.ToString()), ("name", reminderName), ("version", long.Parse(eTag, CultureInfo.InvariantCulture)));
        return await delete.ExecuteNonQueryAsync() == 1;
    }

    public async Task TestOnlyClearTable()
    {
        using var turn = await database.WriteTurnAsync();
        await using var connection = await database.OpenAsync();
        await using var delete = connection.Command("DELETE FROM scheduler_reminders WHERE service_id = @service", null, ("service", ServiceId));
        await delete.ExecuteNonQueryAsync();
    }

    private async Task<ReminderTableData> ReadAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenAsync();
        await using var select = connection.Command(sql, null, [("service", ServiceId), .. parameters]);
        var entries = new List<ReminderEntry>();
        await using DbDataReader reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)).UtcDateTime,
                Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
            });
        }

        return new ReminderTableData(entries);
    }
}
