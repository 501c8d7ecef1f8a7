using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Scheduler.GroupCommitBenchmark;

/// <summary>
/// Writes counted in the database itself: every grain state write bumps its OrleansStorage row's Version (an insert
/// starts it at 1), so the sum of Versions counts writes exactly, per state name, without waiting for statistics.
/// </summary>
public sealed record StoredWrites(long DayInventory, long All)
{
    public static async Task<StoredWrites> ReadAsync(StorageKind storage, string connectionString, string serviceId)
    {
        await using DbConnection connection = storage == StorageKind.PostgreSql
            ? new NpgsqlConnection(connectionString + ";Pooling=false")
            : new SqliteConnection(connectionString + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT COALESCE(SUM(CASE WHEN GrainTypeString = 'dayInventory' THEN Version ELSE 0 END), 0), COALESCE(SUM(Version), 0) " +
            "FROM OrleansStorage WHERE ServiceId = @service";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "service";
        parameter.Value = serviceId;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new StoredWrites(Convert.ToInt64(reader.GetValue(0)), Convert.ToInt64(reader.GetValue(1)));
    }

    public static StoredWrites operator -(StoredWrites after, StoredWrites before) =>
        new(after.DayInventory - before.DayInventory, after.All - before.All);
}
