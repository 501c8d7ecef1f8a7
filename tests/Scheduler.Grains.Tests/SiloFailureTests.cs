using Scheduler.Contracts;

namespace Scheduler.Grains.Tests;

/// <summary>A cluster of its own: these tests kill silos.</summary>
public sealed class ThreeSiloCluster : SchedulerCluster
{
    protected override int Silos => 3;
}

public sealed class SiloFailureTests(ThreeSiloCluster fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ThreeSiloCluster>
{
    [Fact]
    public async Task Killing_a_silo_during_a_surge_loses_no_acknowledged_booking_and_overbooks_nothing()
    {
        var date = SchedulerCluster.Today.AddDays(15);
        var attempts = Enumerable.Range(0, 900).Select(async i =>
        {
            var person = SchedulerCluster.Person(60_000 + i);
            await Task.Delay(i % 300);
            try
            {
                return (Person: person, Outcome: (BookingOutcome?)await fixture.Applicant(person).Book(SchedulerCluster.Book(person, date), $"crash-{i}"));
            }
            catch (Exception)
            {
                // Not acknowledged: the caller would see a 503 and may retry.
                return (Person: person, Outcome: null);
            }
        }).ToArray();

        await Task.Delay(100);
        var victim = fixture.Cluster.Silos[^1];
        await fixture.Cluster.KillSiloAsync(victim);
        var results = await Task.WhenAll(attempts);

        var acknowledged = results.Where(r => r.Outcome?.Result == BookingResult.Booked).ToArray();
        output.WriteLine($"booked {acknowledged.Length}, full {results.Count(r => r.Outcome?.Result == BookingResult.SlotFull)}, failed {results.Count(r => r.Outcome is null)}");
        Assert.NotEmpty(acknowledged);
        foreach (var (person, outcome) in acknowledged)
        {
            var read = await fixture.Applicant(person).Find(outcome!.Appointment!.Code);
            Assert.NotNull(read);
            Assert.True(read.IsActive);
        }

        var roster = await fixture.Day(SchedulerCluster.Office, date).GetRoster();
        foreach (var slot in roster.Slots)
        {
            Assert.InRange(roster.Appointments.Count(a => a.IsActive && a.Start == slot.Start), 0, slot.Capacity);
        }

        Assert.Subset(roster.Appointments.Where(a => a.IsActive).Select(a => a.Code).ToHashSet(), acknowledged.Select(a => a.Outcome!.Appointment!.Code).ToHashSet());

        // Service continues on the survivors: a new applicant books the next day.
        var late = SchedulerCluster.Person(69_999);
        var after = await fixture.Applicant(late).Book(SchedulerCluster.Book(late, date.AddDays(1)), null).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(BookingResult.Booked, after.Result);
    }
}
