using Scheduler.Contracts;

namespace Scheduler.Grains.Tests;

/// <summary>The waiting room's order across its partitions: first come, first in; early arrivals shuffled before everyone else.</summary>
public sealed class AdmissionOrderTests(SchedulerCluster fixture) : IClassFixture<SchedulerCluster>
{
    [Fact]
    public async Task Tickets_spread_over_sixteen_partitions_are_admitted_in_arrival_order_and_positions_count_every_partition()
    {
        const string procedure = "rush-fifo";
        var queue = fixture.Client.GetGrain<IAdmissionQueueGrain>(procedure);
        await queue.Configure(AdmissionScenes.Settings(enabled: true, rate: 0.1));
        var tickets = await AdmissionScenes.JoinAsync(fixture.Client, procedure, 120);
        Assert.True(tickets.Select(t => t.Split('.')[1]).Distinct().Count() > 8, "the tickets should fall in many partitions");

        // At 0.1/s hardly anyone goes in: each position is the ticket's place in arrival order, whichever partition holds it.
        var places = await AdmissionScenes.PositionsSettleAsync(fixture.Client, tickets, p =>
        {
            var admitted = p.Count(x => x.AdmittedAt is not null);
            return p.Select((x, i) => x.AdmittedAt is not null || x.Position == i + 1 - admitted).All(ok => ok);
        });
        var waiting = places.Where(p => p.AdmittedAt is null).ToArray();
        Assert.Equal(Enumerable.Range(1, waiting.Length), waiting.Select(p => p.Position));
        Assert.All(waiting, p => Assert.InRange(p.EtaSeconds, p.Position / 0.1 * 0.5, p.Position / 0.1 * 1.5));

        await queue.Configure(AdmissionScenes.Settings(enabled: true, rate: 40));
        var admitted = await AdmissionScenes.PositionsSettleAsync(fixture.Client, tickets, p => p.All(x => x.AdmittedAt is not null), seconds: 30);

        // 40/s at a tick of 100 ms lets in about four a tick: never one before someone who arrived earlier.
        for (var i = 1; i < admitted.Length; i++)
        {
            Assert.True(admitted[i - 1].AdmittedAt <= admitted[i].AdmittedAt, $"ticket {i} went in before ticket {i - 1}");
        }

        Assert.True(admitted.Select(p => p.AdmittedAt).Distinct().Count() > 10, "admission should have been spread over many ticks");
        var status = await queue.GetStatus();
        Assert.InRange(status.MeasuredPerSecond, 20, 60);
    }

    [Fact]
    public async Task Everyone_arriving_before_the_opening_gets_a_random_place_ahead_of_everyone_arriving_after_it()
    {
        const string procedure = "rush-opening";
        var queue = fixture.Client.GetGrain<IAdmissionQueueGrain>(procedure);
        var opening = DateTimeOffset.UtcNow.AddSeconds(6);
        await queue.Configure(AdmissionScenes.Settings(enabled: true, rate: 0.1, opening));
        var early = await AdmissionScenes.JoinAsync(fixture.Client, procedure, 60);
        Assert.True(DateTimeOffset.UtcNow < opening, "the early arrivals must all have joined before the opening");

        // Before the opening nobody goes in; the early arrivals hold places 1..60, but not in the order they came.
        var before = await AdmissionScenes.PositionsSettleAsync(fixture.Client, early, p => p.Select(x => x.Position).Order().SequenceEqual(Enumerable.Range(1, 60)));
        Assert.All(before, p => Assert.True(p.Early && p.AdmittedAt is null));
        Assert.All(before, p => Assert.True(p.EtaSeconds >= (opening - DateTimeOffset.UtcNow).TotalSeconds - 1, "the ETA counts the wait for the opening"));
        var inOrder = before.Select((p, i) => p.Position == i + 1).Count(same => same);
        Assert.True(inOrder < 15, $"{inOrder} of 60 early arrivals kept their arrival place: the order should be shuffled");

        while (DateTimeOffset.UtcNow < opening.AddMilliseconds(200))
        {
            await Task.Delay(100);
        }

        var late = await AdmissionScenes.JoinAsync(fixture.Client, procedure, 20);
        var all = early.Concat(late).ToArray();
        var after = await AdmissionScenes.PositionsSettleAsync(fixture.Client, all, p =>
        {
            var admitted = p.Count(x => x.AdmittedAt is not null);
            return p.Skip(60).Select((x, i) => x.AdmittedAt is null && x.Position == 61 + i - admitted).All(ok => ok);
        });
        Assert.All(after.Skip(60), p => Assert.False(p.Early));

        // Whoever went in since the opening was an early arrival, in the order of the shuffled places.
        await queue.Configure(AdmissionScenes.Settings(enabled: true, rate: 40, opening));
        var admittedAll = await AdmissionScenes.PositionsSettleAsync(fixture.Client, all, p => p.All(x => x.AdmittedAt is not null), seconds: 30);
        var lastEarly = admittedAll.Take(60).Max(p => p.AdmittedAt);
        Assert.All(admittedAll.Skip(60), p => Assert.True(p.AdmittedAt >= lastEarly, "a late arrival went in before an early one"));
        var shuffled = early.Select((t, i) => (Place: before[i].Position, At: admittedAll[i].AdmittedAt)).OrderBy(x => x.Place).ToArray();
        for (var i = 1; i < shuffled.Length; i++)
        {
            Assert.True(shuffled[i - 1].At <= shuffled[i].At, $"place {i + 1} went in before place {i}");
        }

        for (var i = 61; i < admittedAll.Length; i++)
        {
            Assert.True(admittedAll[i - 1].AdmittedAt <= admittedAll[i].AdmittedAt, "late arrivals go in in arrival order");
        }
    }

    [Fact]
    public async Task An_admitted_ticket_is_spent_once_a_retry_with_its_key_passes_and_a_refused_request_gives_it_back()
    {
        const string procedure = "rush-spend";
        await fixture.Client.GetGrain<IAdmissionQueueGrain>(procedure).Configure(AdmissionScenes.Settings(enabled: true, rate: 1000));
        var tickets = await AdmissionScenes.JoinAsync(fixture.Client, procedure, 2);
        await AdmissionScenes.PositionsSettleAsync(fixture.Client, tickets, p => p.All(x => x.AdmittedAt is not null));
        var first = AdmissionScenes.Partition(fixture.Client, tickets[0]);

        Assert.Equal(TokenUse.Granted, await first.Spend(tickets[0], "key-a"));
        Assert.Equal(TokenUse.Granted, await first.Spend(tickets[0], "key-a"));
        Assert.Equal(TokenUse.Reused, await first.Spend(tickets[0], "key-b"));
        Assert.Equal(TokenUse.Reused, await first.Spend(tickets[0], null));

        var second = AdmissionScenes.Partition(fixture.Client, tickets[1]);
        Assert.Equal(TokenUse.Granted, await second.Spend(tickets[1], null));
        Assert.Equal(TokenUse.Reused, await second.Spend(tickets[1], null));
        await second.Return(tickets[1], null);
        Assert.Equal(TokenUse.Granted, await second.Spend(tickets[1], "key-c"));
        Assert.Equal(TokenUse.Unknown, await second.Spend(tickets[1].Replace(tickets[1][^4..], "AAAA", StringComparison.Ordinal), "key-c"));

        // A ticket is stored once: joining with it again gets no second place.
        Assert.Null(await first.Join(tickets[0], DateTimeOffset.UtcNow));
    }
}
