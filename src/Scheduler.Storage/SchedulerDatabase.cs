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
    /// A connection for the hot path's statements (the seat journal's batches): on PostgreSQL from a pool of its own whose
    /// connections prepare a statement once it has been sent there twice, so PostgreSQL skips parsing and planning it
    /// (the journal's batch statement took 28 % less time prepared, pgbench, 25 rows), and are not reset when they go
    /// back to the pool (the reset, DISCARD ALL, was a statement per batch and would drop the prepared statements).
    /// So whoever takes one must leave no session state behind (no SET, no advisory lock, no LISTEN); the rest of the
    /// scheduler uses <see cref="OpenAsync"/>, whose connections are reset. A connection string that sets these keeps its values.
    /// </summary>
    public Task<DbConnection> OpenForRepeatedStatementsAsync(CancellationToken cancellationToken = default) =>
        IsSqlite ? OpenAsync(cancellationToken) : OpenedAsync(new NpgsqlConnection(repeatedStatements.Value), cancellationToken);

    private readonly Lazy<string> repeatedStatements = new(() =>
    {
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = settings.ConnectionString };
        if (!Names(given, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 32;
        }

        if (!Names(given, "Auto Prepare Min Usages", "AutoPrepareMinUsages"))
        {
            builder.AutoPrepareMinUsages = 2;
        }

        if (!Names(given, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;

        static bool Names(DbConnectionStringBuilder given, params string[] keys) => keys.Any(given.ContainsKey);
    });

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
