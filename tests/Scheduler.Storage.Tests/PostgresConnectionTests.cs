using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Scheduler.Storage.Tests;

/// <summary>The hot path's PostgreSQL connections prepare the statements they repeat, unless the connection string says otherwise.</summary>
public sealed class PostgresConnectionTests
{
    [SkippableFact]
    public async Task A_statement_sent_again_on_a_connection_is_prepared_there()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await database.InstallSchemaAsync(CancellationToken.None);

        Assert.True(await PreparedAfterRepeatsAsync(database.ConnectionString) > 0);
    }

    [SkippableFact]
    public async Task A_connection_string_that_turns_preparing_off_is_obeyed()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await database.InstallSchemaAsync(CancellationToken.None);
        var off = new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxAutoPrepare = 0 }.ToString();

        Assert.Equal(0, await PreparedAfterRepeatsAsync(off));
    }

    private static SchedulerDatabase Scheduler(string connectionString) => new(
        new StorageSettings { Provider = StorageProvider.PostgreSql, ConnectionString = connectionString },
        Options.Create(new ClusterOptions { ServiceId = "prepare-test" }), new SqliteWriteGate());

    /// <summary>Sends one statement four times on a hot-path connection, then counts that session's prepared statements.</summary>
    private static async Task<long> PreparedAfterRepeatsAsync(string connectionString)
    {
        await using var connection = (NpgsqlConnection)await Scheduler(connectionString).OpenForRepeatedStatementsAsync();
        for (var i = 0; i < 4; i++)
        {
            await using var repeated = new NpgsqlCommand("SELECT count(*) FROM scheduler_claims WHERE service_id = @service", connection);
            repeated.Parameters.AddWithValue("service", "prepare-test");
            await repeated.ExecuteScalarAsync();
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
