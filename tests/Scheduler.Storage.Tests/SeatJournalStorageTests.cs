using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Scheduler.Contracts;
using Scheduler.Grains;
using Scheduler.Grains.Hosting;
using Scheduler.Storage;

namespace Scheduler.Storage.Tests;

/// <summary>The seat journal on both databases: rows in order, a place taken twice refused on its own, an unreadable row named.</summary>
public sealed class SeatJournalStorageTests
{
    private static readonly DayKey Day = new("lim-brena", "cpp-biometrics", new DateOnly(2026, 12, 1));

    public static TheoryData<string> Databases => new() { "sqlite", "postgresql" };

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task Rows_read_back_in_sequence_order_after_a_given_one(string kind)
    {
        await using var setup = await CreateAsync(kind);
        await Task.WhenAll(Enumerable.Range(1, 30).Select(i => setup.Journal.AppendAsync(Day, i, Appointment($"CODE-{i:D4}"))));

        var (records, last) = await setup.Journal.ReadAsync(Day, afterSequence: 10);

        Assert.Equal(Enumerable.Range(11, 20).Select(i => $"CODE-{i:D4}"), records.Select(r => r.Code));
        Assert.Equal(30, last);
        Assert.Equal(Day, records[0].Day);
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task A_second_writer_at_a_taken_place_is_refused_while_the_rest_of_its_batch_commits(string kind)
    {
        await using var setup = await CreateAsync(kind);
        await setup.Journal.AppendAsync(Day, 1, Appointment("FIRST-001"));

        var stale = setup.Journal.AppendAsync(Day, 1, Appointment("STALE-001"));
        var other = setup.Journal.AppendAsync(Day with { OfficeId = "lim-sjl" }, 1, Appointment("OTHER-001") with { OfficeId = "lim-sjl" });

        await Assert.ThrowsAsync<RowRejectedException>(() => stale);
        await other;
        Assert.Equal("FIRST-001", Assert.Single((await setup.Journal.ReadAsync(Day, 0)).Records).Code);
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task A_row_that_cannot_be_read_stops_the_replay_with_an_error_naming_it(string kind)
    {
        await using var setup = await CreateAsync(kind);
        await setup.Journal.AppendAsync(Day, 1, Appointment("GOOD-0001"));
        await setup.ExecuteAsync(
            "INSERT INTO scheduler_seat_journal (service_id, day_key, seq, code, payload, recorded_at) VALUES ('journal-tests', @day, 2, 'BAD-00002', @payload, 0)",
            ("day", Day.ToString()), ("payload", new byte[] { 1, 2, 3, 4, 5 }));

        var failure = await Assert.ThrowsAsync<JournalRowUnreadableException>(() => setup.Journal.ReadAsync(Day, 0));

        Assert.Contains("row 2", failure.Message);
        Assert.Contains("BAD-00002", failure.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task A_second_active_claim_for_one_document_and_procedure_is_refused_and_leaves_only_a_void_row(string kind)
    {
        await using var setup = await CreateAsync(kind);
        var other = Day with { OfficeId = "lim-sjl" };

        var first = await setup.Journal.AppendAsync(Day, 1, Appointment("CLAIM-001"), Open("CLAIM-001", Day, "key-1"));
        var second = await setup.Journal.AppendAsync(other, 1, Appointment("CLAIM-002") with { OfficeId = "lim-sjl" }, Open("CLAIM-002", other, null));
        var otherProcedure = await setup.Journal.AppendAsync(Day, 2, Appointment("CLAIM-003"), Open("CLAIM-003", Day, null) with { Procedure = "cpp-card-pickup" });

        Assert.Equal((true, false, true), (first, second, otherProcedure));
        var (records, last) = await setup.Journal.ReadAsync(other, 0);
        Assert.Empty(records);
        Assert.Equal(1, last);
        var claims = await setup.Journal.ReadClaimsAsync("document-1");
        Assert.Equal(["CLAIM-001", "CLAIM-003"], claims.Select(c => c.Code).Order());
        Assert.Equal(("key-1", "fingerprint", true), claims.Where(c => c.Code == "CLAIM-001").Select(c => (c.IdempotencyKey, c.Fingerprint, c.Active)).Single());
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task A_claim_ended_with_its_seat_frees_the_document_to_book_again(string kind)
    {
        await using var setup = await CreateAsync(kind);
        await setup.Journal.AppendAsync(Day, 1, Appointment("CLAIM-010"), Open("CLAIM-010", Day, null));

        await setup.Journal.AppendAsync(Day, 2, Appointment("CLAIM-010") with { Status = AppointmentStatus.Cancelled },
            Open("CLAIM-010", Day, null) with { Kind = ClaimChangeKind.Close });
        var again = await setup.Journal.AppendAsync(Day, 3, Appointment("CLAIM-011"), Open("CLAIM-011", Day, null));

        Assert.True(again);
        var claims = await setup.Journal.ReadClaimsAsync("document-1");
        Assert.Equal([("CLAIM-010", false), ("CLAIM-011", true)], claims.OrderBy(c => c.Code).Select(c => (c.Code, c.Active)));
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task A_claim_opened_and_ended_in_one_batch_ends_inactive_and_a_batch_of_many_claims_commits_whole(string kind)
    {
        await using var setup = await CreateAsync(kind);
        // Handed in together: they share the next transaction (PostgreSQL writes such a batch in one statement, except
        // when a claim changes twice in it, as CLAIM-020 does here).
        var writes = await Task.WhenAll(
            setup.Journal.AppendAsync(Day, 1, Appointment("CLAIM-020"), Open("CLAIM-020", Day, null)),
            setup.Journal.AppendAsync(Day, 2, Appointment("CLAIM-020") with { Status = AppointmentStatus.Cancelled },
                Open("CLAIM-020", Day, null) with { Kind = ClaimChangeKind.Close }));
        var many = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            setup.Journal.AppendAsync(Day, 3 + i, Appointment($"MANY-{i:000}"), Open($"MANY-{i:000}", Day, null) with { DocumentKey = $"document-many-{i}" })));

        Assert.Equal([true, true], writes);
        Assert.All(many, Assert.True);
        Assert.Equal([("CLAIM-020", false)], (await setup.Journal.ReadClaimsAsync("document-1")).Select(c => (c.Code, c.Active)));
        var (records, last) = await setup.Journal.ReadAsync(Day, 0);
        Assert.Equal(42, last);
        Assert.Equal(42, records.Count);
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task Concurrent_bookings_over_overlapping_transactions_keep_one_active_claim_per_document_and_lose_no_row(string kind)
    {
        // Three transactions in flight, a new one for every waiting row (PostgreSQL; SQLite keeps its one writer): the
        // same document booked on two days at once lands in two transactions in flight together, where the later one's
        // claim insert waits on the earlier one's unique key.
        await using var setup = await CreateAsync(kind, new JournalOptions { TransactionsInFlight = 3, OverlapAtRows = 1 });
        const int Documents = 600;
        var days = Enumerable.Range(0, 12).Select(i => Day with { Date = Day.Date.AddDays(i) }).ToArray();
        var sequences = new long[days.Length];
        var writes = Enumerable.Range(0, Documents * 2).Select(i =>
        {
            var document = i % Documents;
            var dayIndex = (i + (i / Documents)) % days.Length;
            var day = days[dayIndex];
            var sequence = Interlocked.Increment(ref sequences[dayIndex]);
            var code = $"C{i:D6}";
            var claim = Open(code, day, null) with { DocumentKey = $"document-{document}" };
            return (Document: document, Day: day, Code: code, Task: Task.Run(() => setup.Journal.AppendAsync(day, sequence, Appointment(code) with { Date = day.Date }, claim)));
        }).ToArray();
        await Task.WhenAll(writes.Select(w => w.Task));

        // Every document holds exactly one active claim, and it is the write that was told "stored".
        Assert.All(writes.GroupBy(w => w.Document), pair => Assert.Single(pair, w => w.Task.Result));
        var stored = writes.Where(w => w.Task.Result).Select(w => w.Code).ToHashSet();
        foreach (var document in Enumerable.Range(0, Documents).Where(d => d % 50 == 0))
        {
            var active = (await setup.Journal.ReadClaimsAsync($"document-{document}")).Where(c => c.Active).ToArray();
            Assert.Contains(Assert.Single(active).Code, stored);
        }

        // Every day reads back exactly its stored rows (refused claims left void rows, skipped on replay), none lost.
        var replayed = new List<string>();
        for (var i = 0; i < days.Length; i++)
        {
            var (records, last) = await setup.Journal.ReadAsync(days[i], 0);
            Assert.Equal(sequences[i], last);
            replayed.AddRange(records.Select(r => r.Code));
        }

        Assert.Equal(stored.Order(), replayed.Order());
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task A_later_transaction_claiming_the_same_document_waits_for_the_earlier_instead_of_locking_it_out(string kind)
    {
        // The earlier batch is held just before its statement; the later one, for the same document on another day, is
        // formed meanwhile. Had the later one inserted its claim first, the earlier one's insert would wait for the later
        // one's commit, which waits for the earlier one: a cycle PostgreSQL cannot see (until a 30 s command timeout).
        var hold = new TaskCompletionSource();
        var held = new TaskCompletionSource();
        var faults = new HoldFirstCommitOf(Day.ToString(), held, hold.Task);
        await using var setup = await CreateAsync(kind, new JournalOptions { TransactionsInFlight = 2, OverlapAtRows = 1 }, faults);
        var other = Day with { OfficeId = "lim-sjl" };

        var earlier = setup.Journal.AppendAsync(Day, 1, Appointment("SAME-0001"), Open("SAME-0001", Day, null));
        await held.Task;
        var later = setup.Journal.AppendAsync(other, 1, Appointment("SAME-0002") with { OfficeId = "lim-sjl" }, Open("SAME-0002", other, null));
        await Task.Delay(200);
        hold.SetResult();

        Assert.True(await earlier.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.False(await later.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal(["SAME-0001"], (await setup.Journal.ReadClaimsAsync("document-1")).Where(c => c.Active).Select(c => c.Code));
    }

    private sealed class HoldFirstCommitOf(string day, TaskCompletionSource held, Task release) : IFaultInjection
    {
        public async ValueTask At(string point, string operationId)
        {
            if (point == SeatJournal.BeforeCommit && operationId == day && held.TrySetResult())
            {
                await release;
            }
        }
    }

    private static ClaimChange Open(string code, DayKey day, string? key) =>
        new(ClaimChangeKind.Open, code, day.Procedure, "CPP", "VE", "document-1", day, null, key, key is null ? null : "fingerprint");

    private static Appointment Appointment(string code) => new(
        code, AppointmentStatus.Booked, Day.Procedure, Day.OfficeId, Day.Date, new TimeOnly(8, 0), new TimeOnly(8, 20),
        new ApplicantDetails(new ApplicantIdentity("CPP", "12345678", "VE"), "Maria Perez", null, null),
        [new HistoryEntry(DateTimeOffset.UtcNow, "booked", "applicant", null)]);

    private static async Task<Setup> CreateAsync(string kind, JournalOptions? options = null, IFaultInjection? faults = null)
    {
        var test = await SchedulerTestDatabase.CreateAsync(kind, "journal-tests");
        var database = test.Scheduler;
        var services = new ServiceCollection().AddSerializer().AddMetrics().AddSingleton<StorageMetrics>().BuildServiceProvider();
        var journal = new SeatJournal(database, services.GetRequiredService<Serializer>(), TimeProvider.System,
            services.GetRequiredService<StorageMetrics>(), Options.Create(options ?? new JournalOptions()), faults ?? new NoFaults());
        return new Setup(test, database, journal, services);
    }

    private sealed class Setup(SchedulerTestDatabase test, SchedulerDatabase database, SeatJournal journal, ServiceProvider services) : IAsyncDisposable
    {
        public SeatJournal Journal => journal;

        public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
        {
            await using var connection = await database.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            await command.ExecuteNonQueryAsync();
        }

        public async ValueTask DisposeAsync()
        {
            journal.Dispose();
            await services.DisposeAsync();
            await test.DisposeAsync();
        }
    }
}
