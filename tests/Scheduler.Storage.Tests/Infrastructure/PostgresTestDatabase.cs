using Npgsql;
using Scheduler.Storage;

namespace Scheduler.Storage.Tests;

/// <summary>
/// A fresh schema in the configured PostgreSQL database, selected through the connection string's
/// search path, so every run starts empty and leaves nothing behind.
/// </summary>
public sealed class PostgresTestDatabase : ITestDatabase
{
    private readonly string _serverConnectionString;
    private readonly string _schema;

    private PostgresTestDatabase(string serverConnectionString, string schema)
    {
        _serverConnectionString = serverConnectionString;
        _schema = schema;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { SearchPath = schema }.ToString();
    }

    public string Invariant => DatabaseSchemaInstaller.PostgresInvariant;

    public string ConnectionString { get; }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var serverConnectionString = PostgresEnvironment.RequireConnectionString();
        var schema = "storage_tests_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
        await command.ExecuteNonQueryAsync();
        return new PostgresTestDatabase(serverConnectionString, schema);
    }

    public Task InstallSchemaAsync(CancellationToken cancellationToken) =>
        DatabaseSchemaInstaller.EnsurePostgresSchemaAsync(ConnectionString, cancellationToken);

    public async Task<long> CountStorageRowsAsync(string serviceId, string stateName) =>
        await ScalarAsync<long>(
            "SELECT COUNT(*) FROM OrleansStorage WHERE ServiceId = @service AND GrainTypeString = @state",
            ("service", serviceId), ("state", stateName));

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
