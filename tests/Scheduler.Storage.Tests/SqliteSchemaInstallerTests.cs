namespace Scheduler.Storage.Tests;

public sealed class SqliteSchemaInstallerTests
{
    private const string PersistenceQueryKeys = "ClearStorageKey,DeleteStorageKey,ReadFromStorageKey,WriteToStorageKey";

    private const string QueryKeysSql =
        "SELECT group_concat(QueryKey, ',') FROM (SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey)";

    [Fact]
    public async Task Installing_creates_the_missing_directory_uses_WAL_and_stores_the_persistence_queries()
    {
        await using var database = new SqliteTestDatabase();
        Assert.False(Directory.Exists(Path.GetDirectoryName(database.FilePath)));

        await database.InstallSchemaAsync(CancellationToken.None);

        Assert.True(File.Exists(database.FilePath));
        Assert.Equal("wal", await database.ScalarAsync("PRAGMA journal_mode"));
        Assert.Equal(PersistenceQueryKeys, await database.ScalarAsync(QueryKeysSql));
    }

    [Fact]
    public async Task Eight_concurrent_installs_on_a_new_file_all_succeed_and_leave_one_schema()
    {
        await using var database = new SqliteTestDatabase();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => database.InstallSchemaAsync(CancellationToken.None))));

        Assert.Equal(PersistenceQueryKeys, await database.ScalarAsync(QueryKeysSql));
        Assert.Equal("1", await database.ScalarAsync("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'OrleansStorage'"));
        Assert.Equal("wal", await database.ScalarAsync("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Installing_again_keeps_stored_state_and_replaces_outdated_query_text()
    {
        await using var database = new SqliteTestDatabase();
        await database.InstallSchemaAsync(CancellationToken.None);
        await database.ScalarAsync(
            "INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, ServiceId, ModifiedOn, Version) " +
            "VALUES (1, 0, 42, 2, 'state', 'service', '2026-01-01T00:00:00Z', 3)");
        await database.ScalarAsync("UPDATE OrleansQuery SET QueryText = 'outdated' WHERE QueryKey = 'WriteToStorageKey'");

        await database.InstallSchemaAsync(CancellationToken.None);

        Assert.Equal("3", await database.ScalarAsync("SELECT Version FROM OrleansStorage WHERE GrainIdN1 = 42"));
        Assert.Contains("ON CONFLICT DO NOTHING", await database.ScalarAsync("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'"));
        Assert.Equal(PersistenceQueryKeys, await database.ScalarAsync(QueryKeysSql));
    }
}
