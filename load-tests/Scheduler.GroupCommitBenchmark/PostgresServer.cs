using Npgsql;

namespace Scheduler.GroupCommitBenchmark;

/// <summary>A throwaway PostgreSQL started with scripts/pg.sh in the run's directory on a free port; one database per run.</summary>
public sealed class PostgresServer(Workspace workspace) : IAsyncDisposable
{
    private readonly int port = FreePorts.Any();
    private bool started;

    private Dictionary<string, string> Environment => new()
    {
        ["SCHEDULER_PG_DIR"] = Path.Combine(workspace.Directory, "pg"),
        ["SCHEDULER_PG_PORT"] = port.ToString(),
    };

    public async Task StartAsync()
    {
        started = true;
        await workspace.RunAsync(Workspace.Script("pg.sh"), ["start"], Environment);
    }

    /// <summary>A fresh, empty database; the connection string the scheduler gets (pool like scripts/cluster.sh's processes).</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name}; ", connection);
            await command.ExecuteNonQueryAsync();
            command.CommandText = $"CREATE DATABASE {name}";
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name) + ";Maximum Pool Size=50;Timeout=5;Command Timeout=30";
    }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={port};Database={database};Username=postgres";

    public async ValueTask DisposeAsync()
    {
        if (started)
        {
            await workspace.RunAsync(Workspace.Script("pg.sh"), ["stop"], Environment);
        }
    }
}
