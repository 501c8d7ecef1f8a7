using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Scheduler.GroupCommitBenchmark;

/// <summary>
/// Writes counted in the database itself: the seat journal's rows (one per seat change) and grain state writes
/// (every write bumps its OrleansStorage row's Version, an insert starts it at 1, so the sum of Versions counts
/// them exactly).
/// </summary>
public sealed record StoredWrites(long JournalRows, long GrainStateWrites)
{
    public static async Task<StoredWrites> ReadAsync(StorageKind storage, string connectionString, string serviceId)
    {
        await using DbConnection connection = storage == StorageKind.PostgreSql
            ? new NpgsqlConnection(connectionString + ";Pooling=false")
            : new SqliteConnection(connectionString + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT (SELECT COUNT(*) FROM scheduler_seat_journal WHERE service_id = @service), " +
            "(SELECT COALESCE(SUM(Version), 0) FROM OrleansStorage WHERE ServiceId = @service)";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "service";
        parameter.Value = serviceId;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new StoredWrites(Convert.ToInt64(reader.GetValue(0)), Convert.ToInt64(reader.GetValue(1)));
    }

    public static StoredWrites operator -(StoredWrites after, StoredWrites before) =>
        new(after.JournalRows - before.JournalRows, after.GrainStateWrites - before.GrainStateWrites);
}
