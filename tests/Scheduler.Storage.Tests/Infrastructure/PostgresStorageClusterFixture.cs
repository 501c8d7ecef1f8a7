namespace Scheduler.Storage.Tests;

public sealed class PostgresStorageClusterFixture : StorageClusterFixture
{
    protected override void BeforeStart() => PostgresEnvironment.RequireConnectionString();

    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
