using Scheduler.Grains.Hosting;
using Scheduler.Grains.Storage;

namespace Scheduler.Grains.Tests;

/// <summary>
/// <see cref="SchedulerCluster"/> on PostgreSQL (<c>SCHEDULER_TEST_POSTGRES</c>): grain state, journal, waitlist and request
/// rows, operations and reminders in the database, under a service id of its own. Without the variable it starts
/// nothing, and its tests skip (or fail on CI).
/// </summary>
public class PostgresSchedulerCluster : SchedulerCluster
{
    public const string Variable = "SCHEDULER_TEST_POSTGRES";

    public static string? ConnectionStringOrNull => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Skips the calling test when no server is configured, except on CI, where it fails.</summary>
    public static void Require()
    {
        if (ConnectionStringOrNull is null && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("CI")))
        {
            throw new SkipException($"{Variable} is not set: start a server with scripts/pg.sh and export {Variable}=\"$(scripts/pg.sh url)\".");
        }

        Assert.False(ConnectionStringOrNull is null, $"CI must run the PostgreSQL tests, but {Variable} is not set.");
    }

    protected override string ServiceId { get; } = "alloc-" + Guid.NewGuid().ToString("N")[..12];

    protected override async Task<StorageSettings> PrepareStorageAsync()
    {
        var connectionString = ConnectionStringOrNull!;
        await DatabaseSchemaInstaller.EnsurePostgresSchemaAsync(connectionString, CancellationToken.None);
        return new StorageSettings { Provider = StorageProvider.PostgreSql, ConnectionString = connectionString };
    }

    public override Task InitializeAsync() => ConnectionStringOrNull is null ? Task.CompletedTask : base.InitializeAsync();

    public override Task DisposeAsync() => ConnectionStringOrNull is null ? Task.CompletedTask : base.DisposeAsync();
}

/// <summary><see cref="PostgresSchedulerCluster"/> with three silos, for a test that kills one.</summary>
public sealed class PostgresThreeSiloCluster : PostgresSchedulerCluster
{
    protected override int Silos => 3;
}
