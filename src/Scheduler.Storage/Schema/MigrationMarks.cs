using System.Data.Common;

namespace Scheduler.Storage;

/// <summary>
/// The marks of the one-time upgrades in <c>scheduler_migrations</c>: whether one already ran on this database, and
/// that it did, written in the upgrade's own transaction so that the mark and the upgrade commit together.
/// </summary>
public static class MigrationMarks
{
    public static async Task<bool> AppliedAsync(DbConnection connection, string name, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT COUNT(*) FROM scheduler_migrations WHERE name = @name", null, ("name", name));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken) ?? 0L, System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    public static async Task RecordAsync(DbConnection connection, DbTransaction transaction, string name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            "INSERT INTO scheduler_migrations (name, applied_at) VALUES (@name, @now) ON CONFLICT DO NOTHING", transaction,
            ("name", name), ("now", at.ToUnixTimeMilliseconds()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
