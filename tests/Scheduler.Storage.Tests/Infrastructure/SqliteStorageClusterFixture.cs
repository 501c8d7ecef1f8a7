namespace Scheduler.Storage.Tests;

public sealed class SqliteStorageClusterFixture : StorageClusterFixture
{
    protected override Task<ITestDatabase> CreateDatabaseAsync() => Task.FromResult<ITestDatabase>(new SqliteTestDatabase());
}
