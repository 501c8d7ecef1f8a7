using Scheduler.Contracts;
using Scheduler.Domain.Admission;

namespace Scheduler.Grains.Tests;

/// <summary>
/// A partition holds one ticket lifetime's tickets (<c>Scheduler:Admission:TicketLifetime</c>, 12 h here), whatever the
/// length of the programme: older ones are let go as they age, as an activation would never read them; an admitted one is
/// kept until its token can no longer be spent.
/// </summary>
public sealed class AdmissionLifetimeTests(SchedulerCluster fixture) : IClassFixture<SchedulerCluster>
{
    [Fact]
    public async Task A_waiting_ticket_past_its_lifetime_is_forgotten_and_no_longer_counts_ahead_of_a_recent_one()
    {
        const string procedure = "rush-lifetime-waiting";
        var queue = fixture.Client.GetGrain<IAdmissionQueueGrain>(procedure);
        // An opening a day away: nobody goes in, everyone waits.
        await queue.Configure(AdmissionScenes.Settings(enabled: true, rate: 1, DateTimeOffset.UtcNow.AddDays(1)));
        var partition = fixture.Client.GetGrain<IAdmissionPartitionGrain>(AdmissionTicket.PartitionKey(procedure, 3));
        var old = AdmissionTicket.Format(procedure, 3, "old-ticket");
        var recent = AdmissionTicket.Format(procedure, 3, "recent-ticket");

        Assert.NotNull(await partition.Join(old, DateTimeOffset.UtcNow.AddHours(-13)));
        var joined = await partition.Join(recent, DateTimeOffset.UtcNow);
        Assert.NotNull(joined);

        // A later join or the next board lets the old ticket go: unknown (a poll answers 404), and the recent one is first in its partition.
        await WaitlistScenes.EventuallyAsync(async () => await partition.Find(old) is null ? "forgotten" : null, 10);
        var place = await WaitlistScenes.EventuallyAsync(async () => await partition.Find(recent) is { Position: 1 } p ? p : null, 10);
        Assert.Null(place.AdmittedAt);
    }

    [Fact]
    public async Task An_admitted_ticket_past_its_lifetime_is_kept_while_its_token_can_be_spent()
    {
        const string procedure = "rush-lifetime-admitted";
        var queue = fixture.Client.GetGrain<IAdmissionQueueGrain>(procedure);
        // Off: whoever waits goes in at the next board.
        await queue.Configure(AdmissionScenes.Settings(enabled: false, rate: 1));
        var partition = fixture.Client.GetGrain<IAdmissionPartitionGrain>(AdmissionTicket.PartitionKey(procedure, 5));
        var old = AdmissionTicket.Format(procedure, 5, "old-admitted");

        Assert.NotNull(await partition.Join(old, DateTimeOffset.UtcNow.AddHours(-13)));
        var admitted = await WaitlistScenes.EventuallyAsync(async () => await partition.Find(old) is { AdmittedAt: not null } p ? p : null, 10);

        // Several boards later (the coordinator ticks every 100 ms here) it is still there, and its token spends once.
        await Task.Delay(1000);
        Assert.Equal(admitted.AdmittedAt, (await partition.Find(old))?.AdmittedAt);
        Assert.Equal(TokenUse.Granted, await partition.Spend(old, "key-1"));
        Assert.Equal(TokenUse.Reused, await partition.Spend(old, "key-2"));
    }
}
