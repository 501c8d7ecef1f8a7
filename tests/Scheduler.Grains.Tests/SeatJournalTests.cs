using Microsoft.Data.Sqlite;
using Scheduler.Contracts;

namespace Scheduler.Grains.Tests;

/// <summary>A day's memory is its snapshot plus its journal rows: rebuilt after deactivation exactly as it was, across compactions.</summary>
[Collection(SchedulerClusterCollection.Name)]
public sealed class SeatJournalTests(SchedulerCluster fixture)
{
    [Fact]
    public async Task A_day_rebuilt_from_its_snapshot_and_journal_rows_holds_exactly_what_it_held()
    {
        var date = SchedulerCluster.Today.AddDays(40);
        var people = Enumerable.Range(0, 70).Select(i => SchedulerCluster.Person(90_000 + i)).ToArray();
        var booked = await Task.WhenAll(people.Select(p => fixture.Applicant(p).Book(SchedulerCluster.Book(p, date), null)));
        Assert.All(booked, b => Assert.Equal(BookingResult.Booked, b.Result));
        foreach (var (person, booking) in people.Zip(booked).Take(12))
        {
            Assert.True(await fixture.Applicant(person).Cancel(booking.Appointment!.Code));
        }

        var day = fixture.Day(SchedulerCluster.Office, date);
        var before = await day.GetRoster();
        var key = new DayKey(SchedulerCluster.Office, SchedulerCluster.Procedure, date).ToString();
        var rowsLeft = await JournalRowsAsync(key);

        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var after = await day.GetRoster();

        // 82 seat changes: the snapshot folded most of them in (every 25 rows), the rest are replayed.
        Assert.InRange(rowsLeft, 0, 81);
        Assert.Equal(Describe(before), Describe(after));
        Assert.Equal(58, after.Appointments.Count(a => a.IsActive));
        Assert.Equal(12, after.Appointments.Count(a => a.Status == AppointmentStatus.Cancelled));
    }

    private static string Describe(DayRoster roster) =>
        string.Join('\n', roster.Appointments.OrderBy(a => a.Code, StringComparer.Ordinal)
            .Select(a => $"{a.Code} {a.Status} {a.Start} {a.Applicant.Identity.DocumentNumber} {a.History.Count}"))
        + "\n" + string.Join(' ', roster.Slots.Select(s => $"{s.Start}:{s.Free}/{s.Capacity}"));

    private async Task<long> JournalRowsAsync(string day)
    {
        await using var connection = new SqliteConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM scheduler_seat_journal WHERE day_key = @day";
        command.Parameters.AddWithValue("@day", day);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
