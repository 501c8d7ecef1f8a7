namespace Scheduler.Storage.Tests;

public sealed class PostgresSchemaInstallerTests
{
    private static readonly string AllQueryKeys = string.Join(",", new[]
    {
        // Persistence
        "ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey",
        // Clustering
        "CleanupDefunctSiloEntriesKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "InsertMembershipKey", "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey",
        "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
        // Reminders
        "DeleteReminderRowKey", "DeleteReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "ReadReminderRowKey", "ReadReminderRowsKey", "UpsertReminderRowKey",
    }.Order(StringComparer.Ordinal));

    /// <summary>Orleans' tables (membership, storage, reminders, queries) and the scheduler's own.</summary>
    private static readonly string[] AllTables =
    [
        "orleansmembershiptable", "orleansmembershipversiontable", "orleansquery", "orleansreminderstable", "orleansstorage", "scheduler_admission",
        "scheduler_claims", "scheduler_erasure", "scheduler_migrations", "scheduler_operations", "scheduler_outbox", "scheduler_seat_journal", "scheduler_waitlist",
        "scheduler_waitlist_documents",
    ];

    private const string QueryKeysSql = "SELECT string_agg(QueryKey, ',' ORDER BY QueryKey COLLATE \"C\") FROM OrleansQuery";

    [SkippableFact]
    public async Task Eight_concurrent_installs_into_an_empty_schema_all_succeed_and_leave_one_complete_schema()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => database.InstallSchemaAsync(CancellationToken.None))));

        Assert.Equal(AllQueryKeys, await database.ScalarAsync<string>(QueryKeysSql));
        Assert.Equal(string.Join(',', AllTables), await database.ScalarAsync<string>(
            "SELECT string_agg(table_name, ',' ORDER BY table_name COLLATE \"C\") FROM information_schema.tables WHERE table_schema = current_schema()"));
    }

    [SkippableFact]
    public async Task Installing_again_keeps_stored_state_and_replaces_outdated_query_text()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await database.InstallSchemaAsync(CancellationToken.None);
        await database.ScalarAsync<int>(
            "INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, ServiceId, Version) " +
            "VALUES (1, 0, 42, 2, 'state', 'service', 3) RETURNING Version");
        await database.ScalarAsync<int>("UPDATE OrleansQuery SET QueryText = 'outdated' WHERE QueryKey = 'WriteToStorageKey' RETURNING 1");

        await database.InstallSchemaAsync(CancellationToken.None);

        Assert.Equal(3, await database.ScalarAsync<int>("SELECT Version FROM OrleansStorage WHERE GrainIdN1 = 42"));
        Assert.Contains("ON CONFLICT", await database.ScalarAsync<string>("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'"));
        Assert.Equal(AllQueryKeys, await database.ScalarAsync<string>(QueryKeysSql));
    }
}
