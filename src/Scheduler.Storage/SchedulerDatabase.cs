using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Scheduler.Storage;

/// <summary>
/// The scheduler's own tables (next to Orleans' ones): one place that knows which database this silo
/// writes, its service id, and how writers take turns on SQLite.
/// </summary>
public sealed class SchedulerDatabase(StorageSettings settings, IOptions<ClusterOptions> cluster, SqliteWriteGate sqliteWrites)
{
    public StorageProvider Provider => settings.Provider;

    /// <summary>Part of every row's key, as in Orleans' tables: several services may share one database.</summary>
    public string ServiceId => cluster.Value.ServiceId;

    public bool IsSqlite => settings.Provider == StorageProvider.Sqlite;

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        OpenedAsync(IsSqlite ? new SqliteConnection(settings.ConnectionString) : new NpgsqlConnection(settings.ConnectionString), cancellationToken);

    /// <summary>
    /// A SQLite connection outside the pool, for a writer that keeps it open and sets its own pragmas: returned to
    /// the pool, those settings would follow the connection to whoever took it next.
    /// </summary>
    public async Task<SqliteConnection> OpenOwnSqliteConnectionAsync(CancellationToken cancellationToken = default) =>
        (SqliteConnection)await OpenedAsync(new SqliteConnection(new SqliteConnectionStringBuilder(settings.ConnectionString) { Pooling = false }.ToString()), cancellationToken);

    private static async Task<DbConnection> OpenedAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return connection;
    }

    /// <summary>
    /// Waits for this process's turn to write. On SQLite every writer of the file queues here (see
    /// <see cref="SqliteWriteGate"/>); on PostgreSQL writers run in parallel and the turn is free.
    /// </summary>
    public ValueTask<IDisposable> WriteTurnAsync(CancellationToken cancellationToken = default) =>
        IsSqlite ? sqliteWrites.EnterAsync(cancellationToken) : ValueTask.FromResult<IDisposable>(SqliteWriteGate.NoTurn);
}
