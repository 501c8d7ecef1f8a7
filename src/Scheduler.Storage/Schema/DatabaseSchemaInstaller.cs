using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Scheduler.Storage;

/// <summary>
/// Creates or upgrades the tables and stored queries that the Orleans ADO.NET providers read at
/// silo start. Both methods are idempotent and safe to call from several processes at once; call
/// the one for your database before the silo starts.
/// </summary>
/// <remarks>
/// Orleans 10.4 needs no provider registration for either invariant: it maps
/// <see cref="SqliteInvariant"/> to the Microsoft.Data.Sqlite assembly and its
/// <c>SqliteFactory.Instance</c> by itself (Assembly.Load, not DbProviderFactories), and
/// <see cref="PostgresInvariant"/> likewise to <c>NpgsqlFactory.Instance</c>. Both assemblies reach
/// every host through this project's package references. <see cref="RegisterProviders"/> only adds
/// the same mapping to <see cref="DbProviderFactories"/> for other ADO.NET consumers.
/// </remarks>
public static class DatabaseSchemaInstaller
{
    /// <summary>
    /// The ADO.NET invariant Orleans maps to Microsoft.Data.Sqlite. SQLite supports grain persistence only.
    /// </summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>The ADO.NET invariant for PostgreSQL through Npgsql (persistence, clustering, reminders).</summary>
    public const string PostgresInvariant = "Npgsql";

    // Arbitrary but fixed: every process installing this schema into the same database must use it.
    private const long PostgresSchemaLockKey = 0x5343_4845_4455_4C45; // "SCHEDULE"

    private const string SqliteScriptResource = "Scheduler.Storage.Schema.Sql.sqlite.sql";
    private const string PostgresScriptResource = "Scheduler.Storage.Schema.Sql.postgresql.sql";

    /// <summary>
    /// Registers both invariants with <see cref="DbProviderFactories"/>, so generic ADO.NET code
    /// resolves the same drivers Orleans uses. Idempotent and thread-safe. Orleans itself does not
    /// need it (see the class remarks); calling it before building the silo is harmless.
    /// </summary>
    public static void RegisterProviders()
    {
        DbProviderFactories.RegisterFactory(SqliteInvariant, SqliteFactory.Instance);
        DbProviderFactories.RegisterFactory(PostgresInvariant, NpgsqlFactory.Instance);
    }

    /// <summary>
    /// Ensures the SQLite grain-persistence schema exists: creates the database file's directory if
    /// needed, switches the file to WAL journal mode (a persistent property of the file, so every
    /// later connection uses it), then runs the script in one IMMEDIATE transaction.
    /// </summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, e.g. <c>Data Source=data/scheduler.db</c>.</param>
    /// <param name="ct">Cancels the installation; a cancelled run leaves no partial schema.</param>
    public static async Task EnsureSqliteSchemaAsync(string connectionString, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var script = ReadScript(SqliteScriptResource);
        EnsureSqliteDirectory(new SqliteConnectionStringBuilder(connectionString));

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await EnableWriteAheadLogAsync(connection, ct);

        // IMMEDIATE takes the write lock up front, so concurrent installers queue (Microsoft.Data.Sqlite
        // retries SQLITE_BUSY until the command timeout) instead of failing on lock upgrade.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = script;
            await command.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Ensures the PostgreSQL schema for grain persistence, clustering and reminders exists. The
    /// whole script runs in one transaction holding a transaction-scoped advisory lock, so
    /// concurrent callers run one after another and each sees a complete schema.
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string to an existing database.</param>
    /// <param name="ct">Cancels the installation; a cancelled run rolls back.</param>
    public static async Task EnsurePostgresSchemaAsync(string connectionString, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var script = ReadScript(PostgresScriptResource);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            // Waiting for another installer can take a while on a busy server.
            lockCommand.CommandTimeout = 300;
            lockCommand.Parameters.AddWithValue("key", PostgresSchemaLockKey);
            await lockCommand.ExecuteNonQueryAsync(ct);
        }

        await using (var command = new NpgsqlCommand(script, connection, transaction))
        {
            command.CommandTimeout = 300;
            await command.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    private static async Task EnableWriteAheadLogAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = Convert.ToString(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);

        // In-memory databases cannot use WAL and report "memory"; anything else is a misconfiguration.
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(mode, "memory", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite refused WAL journal mode (it reports '{mode}').");
        }
    }

    private static void EnsureSqliteDirectory(SqliteConnectionStringBuilder builder)
    {
        var dataSource = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory
            || string.IsNullOrWhiteSpace(dataSource)
            || string.Equals(dataSource, ":memory:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        string path;
        if (dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            // URI filenames: only absolute file URIs name a directory we can create.
            if (!Uri.TryCreate(dataSource, UriKind.Absolute, out var uri) || !uri.IsFile)
            {
                return;
            }

            path = uri.LocalPath;
        }
        else
        {
            path = dataSource;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    private static string ReadScript(string resourceName)
    {
        var assembly = typeof(DatabaseSchemaInstaller).Assembly;
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException(
                $"Embedded SQL script '{resourceName}' is missing; present: {string.Join(", ", assembly.GetManifestResourceNames())}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
