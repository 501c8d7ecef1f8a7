using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Scheduler.Contracts;
using Scheduler.Grains;
using Scheduler.Grains.Hosting;
using Scheduler.Storage;

namespace Scheduler.Storage.Tests;

/// <summary>
/// The seat journal's SQLite writer: its own long-lived connection with prepared statements, and the write-ahead log
/// copied back into the database file by the background checkpointer rather than by the writer's commits.
/// </summary>
public sealed class SqliteJournalWriterTests
{
    private static readonly DayKey Day = new("lim-brena", "cpp-biometrics", new DateOnly(2026, 12, 1));

    [Fact]
    public async Task Committed_rows_are_copied_into_the_database_file_while_the_writer_keeps_appending()
    {
        await using var test = await SchedulerTestDatabase.CreateAsync("sqlite", "journal-checkpoint-tests");
        var file = ((SqliteTestDatabase)test.Inner).FilePath;
        using var services = Services();
        using var journal = Journal(test, services, new NoFaults());
        var before = new FileInfo(file).Length;

        // Some 1,500 rows with their claims: a few hundred pages of log, well under the 1,000 pages at which a
        // connection checkpoints by itself and the writer's 16,384-page backstop. Only the checkpointer copies them.
        for (var round = 0; round < 15; round++)
        {
            await Task.WhenAll(Enumerable.Range(round * 100, 100).Select(i => journal.AppendAsync(
                Day, i + 1, Appointment(Code(i)), Open(Code(i), $"document-{i:D6}"))));
        }

        await Eventually.HoldsAsync(
            () => Task.FromResult(new FileInfo(file).Length >= before + 512 * 1024), TimeSpan.FromSeconds(10),
            $"the database file ({before} bytes before) holds the appended rows");
        var (records, last) = await journal.ReadAsync(Day, 0);
        Assert.Equal(1500, records.Count);
        Assert.Equal(1500, last);
    }

    [Fact]
    public async Task A_batch_that_fails_before_its_commit_stores_nothing_and_the_next_batch_commits()
    {
        await using var test = await SchedulerTestDatabase.CreateAsync("sqlite", "journal-writer-tests");
        using var services = Services();
        var faults = new FailOnce(Day.ToString());
        using var journal = Journal(test, services, faults);

        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.AppendAsync(Day, 1, Appointment("FAIL-0001"), Open("FAIL-0001", "document-1")));
        var stored = await journal.AppendAsync(Day, 1, Appointment("NEXT-0001"), Open("NEXT-0001", "document-1"));

        Assert.True(stored);
        Assert.Equal("NEXT-0001", Assert.Single((await journal.ReadAsync(Day, 0)).Records).Code);
        Assert.Equal(["NEXT-0001"], (await journal.ReadClaimsAsync("document-1")).Select(c => c.Code));
    }

    private static ServiceProvider Services() =>
        new ServiceCollection().AddSerializer().AddMetrics().AddSingleton<StorageMetrics>().BuildServiceProvider();

    private static SeatJournal Journal(SchedulerTestDatabase test, ServiceProvider services, IFaultInjection faults) =>
        new(test.Scheduler, services.GetRequiredService<Serializer>(), TimeProvider.System, services.GetRequiredService<StorageMetrics>(),
            Options.Create(new JournalOptions()), faults);

    private static string Code(int i) => $"C{i:D7}";

    private static ClaimChange Open(string code, string document) =>
        new(ClaimChangeKind.Open, code, Day.Procedure, "CPP", "VE", document, Day);

    private static Appointment Appointment(string code) => new(
        code, AppointmentStatus.Booked, Day.Procedure, Day.OfficeId, Day.Date, new TimeOnly(8, 0), new TimeOnly(8, 20),
        new ApplicantDetails(new ApplicantIdentity("CPP", "12345678", "VE"), "Maria Perez", null, null),
        [new HistoryEntry(DateTimeOffset.UtcNow, "booked", "applicant", null)]);

    /// <summary>Fails the first batch that reaches its commit with a row of <paramref name="day"/>, then lets every batch through.</summary>
    private sealed class FailOnce(string day) : IFaultInjection
    {
        private int failed;

        public ValueTask At(string point, string operationId) =>
            point == SeatJournal.BeforeCommit && operationId == day && Interlocked.Exchange(ref failed, 1) == 0
                ? ValueTask.FromException(new InvalidOperationException("injected before the commit"))
                : ValueTask.CompletedTask;
    }
}
