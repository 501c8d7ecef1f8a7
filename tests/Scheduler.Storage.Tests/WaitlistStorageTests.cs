using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Scheduler.Contracts;
using Scheduler.Grains.Hosting;
using Scheduler.Grains.Persistence;
using Scheduler.Grains.State;
using Scheduler.Storage;

namespace Scheduler.Storage.Tests;

/// <summary>
/// The waitlist table on both databases: arrival numbers shared by every partition, a retried join that keeps its
/// first row, a finished entry that leaves the waiting rows and keeps its outcome but no personal data.
/// </summary>
public sealed class WaitlistStorageTests
{
    private const string Cusco = "cpp-biometrics/jz-cusco";
    private const string Iquitos = "cpp-biometrics/jz-iquitos";

    public static TheoryData<string> Databases => new() { "sqlite", "postgresql" };

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task Entries_read_back_waiting_per_partition_in_an_arrival_order_shared_across_partitions(string kind)
    {
        await using var setup = await CreateAsync(kind);
        var sequences = new List<long>();
        foreach (var (id, partition) in new[] { ("W-A", Cusco), ("W-B", Iquitos), ("W-C", Cusco), ("W-D", Iquitos) })
        {
            sequences.Add(await setup.Store.AddAsync(partition, Entry(id)));
        }

        var cusco = await setup.Store.ReadWaitingAsync(Cusco);
        var iquitos = await setup.Store.ReadWaitingAsync(Iquitos);

        Assert.True(sequences.Zip(sequences.Skip(1)).All(p => p.First > 0 && p.First < p.Second), string.Join(", ", sequences));
        Assert.Equal([("W-A", sequences[0]), ("W-C", sequences[2])], cusco.Select(e => (e.Id, e.Sequence)));
        Assert.Equal([("W-B", sequences[1]), ("W-D", sequences[3])], iquitos.Select(e => (e.Id, e.Sequence)));
        Assert.All(cusco.Concat(iquitos), e => Assert.Equal((WaitlistStatus.Waiting, "Maria Perez", "12345678"), (e.Status, e.Applicant.FullName, e.Applicant.Identity.DocumentNumber)));
        Assert.Equal([Cusco, Iquitos], (await setup.Store.WaitingPartitionsAsync()).Order(StringComparer.Ordinal));
        var found = await setup.Store.FindAsync("W-D");
        Assert.Equal((Iquitos, sequences[3]), (found!.Partition, found.Entry.Sequence));
        Assert.Null(await setup.Store.FindAsync("W-NONE"));
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task A_join_stored_again_with_the_same_id_keeps_its_first_row_and_place(string kind)
    {
        await using var setup = await CreateAsync(kind);
        var first = await setup.Store.AddAsync(Cusco, Entry("W-A"));
        var later = await setup.Store.AddAsync(Cusco, Entry("W-B"));

        // Once after the first commit, and twice more in one batch (a retried call racing itself).
        var again = await Task.WhenAll(
            setup.Store.AddAsync(Cusco, Entry("W-A")),
            setup.Store.AddAsync(Iquitos, Entry("W-A")),
            setup.Store.AddAsync(Iquitos, Entry("W-C")),
            setup.Store.AddAsync(Iquitos, Entry("W-C")));

        Assert.Equal([-first, -first], again[..2]);
        Assert.True(again[2] > later, $"{again[2]} after {later}");
        Assert.Equal(-again[2], again[3]);
        Assert.Equal([("W-A", first), ("W-B", later)], (await setup.Store.ReadWaitingAsync(Cusco)).Select(e => (e.Id, e.Sequence)));
        Assert.Equal(["W-C"], (await setup.Store.ReadWaitingAsync(Iquitos)).Select(e => e.Id));
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task A_finished_entry_leaves_the_waiting_rows_and_keeps_its_outcome_without_personal_data(string kind)
    {
        await using var setup = await CreateAsync(kind);
        var booked = await setup.Store.AddAsync(Cusco, Entry("W-A"));
        await setup.Store.AddAsync(Cusco, Entry("W-B"));

        await setup.Store.FinishAsync(Entry("W-A") with
        {
            Sequence = booked,
            Status = WaitlistStatus.Booked,
            Code = "ABCD-EFGH",
            OfficeId = "jz-cusco",
            Date = new DateOnly(2026, 12, 1),
            Start = new TimeOnly(8, 20),
            Note = "booked automatically",
        });
        // A finished entry finishes once: a late second outcome (a sweep racing the booking) changes nothing.
        await setup.Store.FinishAsync(Entry("W-A") with { Sequence = booked, Status = WaitlistStatus.Expired, Note = "late" });

        Assert.Equal(["W-B"], (await setup.Store.ReadWaitingAsync(Cusco)).Select(e => e.Id));
        var (partition, entry) = (await setup.Store.FindAsync("W-A"))!;
        Assert.Equal((Cusco, booked, WaitlistStatus.Booked, "ABCD-EFGH", "jz-cusco", new TimeOnly(8, 20), "booked automatically"),
            (partition, entry.Sequence, entry.Status, entry.Code, entry.OfficeId, entry.Start, entry.Note));
        Assert.Equal(("", "", null, null, "CPP", "VE"),
            (entry.Applicant.FullName, entry.Applicant.Identity.DocumentNumber, entry.Applicant.Email, entry.Applicant.Phone, entry.Applicant.Identity.DocumentType, entry.Applicant.Identity.Country));
        var row = await setup.RowAsync("W-A");
        foreach (var personal in new[] { "12345678", "Maria Perez", "maria@example.org", "+51987654321" })
        {
            Assert.False(Contains(row.Payload, personal), $"the finished row still holds '{personal}'");
        }

        Assert.True(Contains((await setup.RowAsync("W-B")).Payload, "12345678"), "the waiting row must hold the document number the booking needs");
        Assert.Equal(((int)WaitlistStatus.Booked, true), (row.Status, row.FinishedAt is not null));
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task The_upgrade_moves_a_previous_release_waitlist_state_into_rows_once_in_its_old_order(string kind)
    {
        await using var setup = await CreateAsync(kind);
        var storage = new OrleansGrainStorageSerializer(setup.Serializer);
        var offices = new[] { Office("jz-cusco", -13.52, -71.97), Office("jz-iquitos", -3.75, -73.25) };
        await setup.StoreStateAsync("catalog", "", storage.Serialize(new CatalogState { Offices = [.. offices] }).ToArray());
        var iquitos = Entry("W-I") with { HomeLatitude = -3.75, HomeLongitude = -73.25 };
        var legacy = new LegacyWaitlistState
        {
            Entries =
            [
                Entry("W-2") with { Sequence = 2 },
                Entry("W-1") with { Sequence = 1, Status = WaitlistStatus.Booked, Code = "ABCD-EFGH", OfficeId = "jz-cusco" },
                iquitos with { Sequence = 3 },
                Entry("W-4") with { Sequence = 4 },
            ],
            LastSequence = 4,
        };
        await setup.StoreStateAsync("waitlist", "cpp-biometrics", storage.Serialize(legacy).ToArray());

        var carried = await LegacyWaitlistMigration.RunAsync(setup.Database, setup.Serializer, TimeProvider.System, NullLogger.Instance, CancellationToken.None);
        var again = await LegacyWaitlistMigration.RunAsync(setup.Database, setup.Serializer, TimeProvider.System, NullLogger.Instance, CancellationToken.None);
        var joinedLater = await setup.Store.AddAsync(Cusco, Entry("W-5"));

        Assert.Equal((4, 0), (carried, again));
        var cusco = await setup.Store.ReadWaitingAsync(Cusco);
        Assert.Equal(["W-2", "W-4", "W-5"], cusco.Select(e => e.Id));
        var sequences = new[] { (await setup.Store.FindAsync("W-1"))!.Entry.Sequence, cusco[0].Sequence, (await setup.Store.FindAsync("W-I"))!.Entry.Sequence, cusco[1].Sequence, joinedLater };
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(["W-I"], (await setup.Store.ReadWaitingAsync(Iquitos)).Select(e => e.Id));
        var booked = (await setup.Store.FindAsync("W-1"))!;
        Assert.Equal((Cusco, WaitlistStatus.Booked, "ABCD-EFGH", ""), (booked.Partition, booked.Entry.Status, booked.Entry.Code, booked.Entry.Applicant.Identity.DocumentNumber));
        Assert.False(Contains((await setup.RowAsync("W-1")).Payload, "12345678"));
        Assert.Equal(0L, await setup.CountStatesAsync("waitlist"));
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task A_waiting_entry_is_found_by_its_owner_until_it_finishes(string kind)
    {
        await using var setup = await CreateAsync(kind);
        await setup.Store.AddAsync(Cusco, Entry("W-A"), "doc-a");
        await setup.Store.AddAsync(Iquitos, Entry("W-B") with { Procedure = "cpp-card" }, "doc-a");
        await setup.Store.AddAsync(Cusco, Entry("W-C"), "doc-c");
        // A retried join stores nothing twice.
        await setup.Store.AddAsync(Cusco, Entry("W-A"), "doc-a");

        var before = await setup.Store.WaitingOfAsync(["doc-a", "doc-c", "doc-none"]);
        await setup.Store.FinishAsync(Entry("W-A") with { Status = WaitlistStatus.Left });
        var after = await setup.Store.WaitingOfAsync(["doc-a", "doc-c"]);

        Assert.Equal([("doc-a", "cpp-biometrics", "W-A"), ("doc-a", "cpp-card", "W-B"), ("doc-c", "cpp-biometrics", "W-C")], before.Order());
        Assert.Equal([("doc-a", "cpp-card", "W-B"), ("doc-c", "cpp-biometrics", "W-C")], after.Order());
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task The_upgrade_records_the_owners_of_entries_that_waited_before_owners_were_recorded_once(string kind)
    {
        await using var setup = await CreateAsync(kind);
        await setup.Store.AddAsync(Cusco, Entry("W-OLD"));
        await setup.Store.AddAsync(Cusco, Entry("W-GONE"));
        await setup.Store.FinishAsync(Entry("W-GONE") with { Status = WaitlistStatus.Expired });
        var key = "test-document-hash-key";

        var recorded = await WaitlistOwnersMigration.RunAsync(setup.Database, setup.Serializer, key, TimeProvider.System, NullLogger.Instance, CancellationToken.None);
        var again = await WaitlistOwnersMigration.RunAsync(setup.Database, setup.Serializer, key, TimeProvider.System, NullLogger.Instance, CancellationToken.None);

        Assert.Equal((1, 0), (recorded, again));
        var owner = Scheduler.Domain.DocumentHash.OfNumber("12345678", key);
        Assert.Equal([(owner, "cpp-biometrics", "W-OLD")], await setup.Store.WaitingOfAsync([owner]));
    }

    private static OfficeSummary Office(string id, double latitude, double longitude) =>
        new(id, id, "office", "Department", "City", latitude, longitude, "America/Lima", ["cpp-biometrics"]);

    private static bool Contains(byte[] payload, string text) =>
        payload.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    internal static WaitlistEntry Entry(string id) => new(
        id, 0, new ApplicantDetails(new ApplicantIdentity("CPP", "12345678", "VE"), "Maria Perez", "maria@example.org", "+51987654321"),
        "cpp-biometrics", -13.53, -71.97, 30, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 5),
        new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero), WaitlistStatus.Waiting);

    internal static async Task<Setup> CreateAsync(string kind)
    {
        var test = await SchedulerTestDatabase.CreateAsync(kind, "waitlist-tests");
        var database = test.Scheduler;
        var services = new ServiceCollection().AddSerializer().AddMetrics().AddSingleton<StorageMetrics>().BuildServiceProvider();
        var store = new WaitlistStore(database, services.GetRequiredService<Serializer>(), TimeProvider.System, services.GetRequiredService<StorageMetrics>());
        return new Setup(test, database, store, services, services.GetRequiredService<Serializer>());
    }

    internal sealed record Row(int Status, byte[] Payload, long? FinishedAt);

    internal sealed class Setup(SchedulerTestDatabase test, SchedulerDatabase database, WaitlistStore store, ServiceProvider services, Serializer serializer) : IAsyncDisposable
    {
        public WaitlistStore Store => store;

        public SchedulerDatabase Database => database;

        public Serializer Serializer => serializer;

        /// <summary>A grain state row as the ADO.NET provider stores it (the key columns the upgrade does not read left at zero).</summary>
        public async Task StoreStateAsync(string stateName, string key, byte[] payload)
        {
            await using var connection = await database.OpenAsync();
            await using var command = connection.Command("""
                INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
                VALUES (0, 0, 0, 0, @state, @key, 'waitlist-tests', @payload, CURRENT_TIMESTAMP, 1)
                """, null, ("state", stateName), ("key", key), ("payload", payload));
            await command.ExecuteNonQueryAsync();
        }

        public Task<long> CountStatesAsync(string stateName) => test.Inner.CountStorageRowsAsync("waitlist-tests", stateName);

        public async Task<Row> RowAsync(string id)
        {
            await using var connection = await database.OpenAsync();
            await using var command = connection.Command(
                "SELECT status, payload, finished_at FROM scheduler_waitlist WHERE service_id = 'waitlist-tests' AND entry_id = @id", null, ("id", id));
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync(), $"no row for {id}");
            return new Row(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), (byte[])reader.GetValue(1),
                reader.IsDBNull(2) ? null : Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture));
        }

        public async ValueTask DisposeAsync()
        {
            await services.DisposeAsync();
            await test.DisposeAsync();
        }
    }
}
