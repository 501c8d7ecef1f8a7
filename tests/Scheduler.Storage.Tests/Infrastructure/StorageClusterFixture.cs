namespace Scheduler.Storage.Tests;

/// <summary>
/// One database and one cluster shared by a test class. Started on first use rather than in
/// InitializeAsync, so a PostgreSQL test without a configured server can skip (or fail on CI)
/// inside the test instead of breaking the whole class.
/// </summary>
public abstract class StorageClusterFixture : IAsyncLifetime
{
    private readonly object _gate = new();
    private Task<StorageClusterContext>? _started;

    public Task<StorageClusterContext> GetAsync()
    {
        BeforeStart();
        lock (_gate)
        {
            return _started ??= StartAsync();
        }
    }

    /// <summary>Runs on every <see cref="GetAsync"/>; may skip the calling test.</summary>
    protected virtual void BeforeStart()
    {
    }

    protected abstract Task<ITestDatabase> CreateDatabaseAsync();

    private async Task<StorageClusterContext> StartAsync()
    {
        var database = await CreateDatabaseAsync();
        try
        {
            await database.InstallSchemaAsync(CancellationToken.None);
            var cluster = await StorageClusters.StartAsync(database, "storage-tests-" + Guid.NewGuid().ToString("N"));
            return new StorageClusterContext(database, cluster);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Task<StorageClusterContext>? started;
        lock (_gate)
        {
            started = _started;
        }

        if (started is { IsCompletedSuccessfully: true })
        {
            var context = started.Result;
            await context.Cluster.DisposeAsync();
            await context.Database.DisposeAsync();
        }
    }
}
