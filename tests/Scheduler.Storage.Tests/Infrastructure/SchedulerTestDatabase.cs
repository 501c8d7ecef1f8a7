using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Scheduler.Grains.Hosting;
using Scheduler.Storage;

namespace Scheduler.Storage.Tests;

/// <summary>
/// A throwaway database of either kind ("sqlite" or "postgres") with the scheduler's schema installed, and the
/// <see cref="SchedulerDatabase"/> the scheduler's own stores (journal, outbox, waitlist, operations) take over it.
/// </summary>
public sealed class SchedulerTestDatabase(ITestDatabase inner, SchedulerDatabase scheduler) : IAsyncDisposable
{
    public ITestDatabase Inner => inner;

    public SchedulerDatabase Scheduler => scheduler;

    public static async Task<SchedulerTestDatabase> CreateAsync(string kind, string serviceId)
    {
        ITestDatabase inner = kind == "sqlite" ? new SqliteTestDatabase() : await PostgresTestDatabase.CreateAsync();
        await inner.InstallSchemaAsync(CancellationToken.None);
        var settings = new StorageSettings
        {
            Provider = kind == "sqlite" ? StorageProvider.Sqlite : StorageProvider.PostgreSql,
            ConnectionString = inner.ConnectionString,
        };
        return new SchedulerTestDatabase(inner, new SchedulerDatabase(settings, Options.Create(new ClusterOptions { ServiceId = serviceId }), new SqliteWriteGate()));
    }

    /// <summary>The first column of the first row of <paramref name="sql"/>, as text.</summary>
    public async Task<string> ScalarTextAsync(string sql)
    {
        await using var connection = await scheduler.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
