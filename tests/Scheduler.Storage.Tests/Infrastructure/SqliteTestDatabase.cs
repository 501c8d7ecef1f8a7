using Microsoft.Data.Sqlite;
using Scheduler.Storage;

namespace Scheduler.Storage.Tests;

/// <summary>A SQLite file in its own temp directory (which does not exist until the installer creates it).</summary>
public sealed class SqliteTestDatabase : ITestDatabase
{
    private readonly string _directory;

    public SqliteTestDatabase()
    {
        _directory = Path.Combine(Path.GetTempPath(), "scheduler-storage-tests", Guid.NewGuid().ToString("N"));
        FilePath = Path.Combine(_directory, "nested", "grains.db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    public string FilePath { get; }

    public string Invariant => DatabaseSchemaInstaller.SqliteInvariant;

    public string ConnectionString { get; }

    public Task InstallSchemaAsync(CancellationToken cancellationToken) =>
        DatabaseSchemaInstaller.EnsureSqliteSchemaAsync(ConnectionString, cancellationToken);

    public async Task<long> CountStorageRowsAsync(string serviceId, string stateName)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM OrleansStorage WHERE ServiceId = @service AND GrainTypeString = @state";
        command.Parameters.AddWithValue("@service", serviceId);
        command.Parameters.AddWithValue("@state", stateName);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async Task<string> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    public ValueTask DisposeAsync()
    {
        using (var connection = new SqliteConnection(ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A straggling pooled handle; the OS temp cleaner gets it.
        }

        return ValueTask.CompletedTask;
    }
}
