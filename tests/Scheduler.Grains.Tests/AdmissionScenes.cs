using Scheduler.Contracts;
using Scheduler.Domain.Admission;

namespace Scheduler.Grains.Tests;

/// <summary>What the waiting-room tests do through the grains: take tickets, read their places, wait for admissions.</summary>
public static class AdmissionScenes
{
    public const int Partitions = 16;

    /// <summary>Tickets taken one after another (so their arrival order is the list's order).</summary>
    public static async Task<IReadOnlyList<string>> JoinAsync(IGrainFactory grains, string procedure, int count)
    {
        var tickets = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var ticket = AdmissionTicket.New(procedure, Partitions);
            var place = await Partition(grains, ticket).Join(ticket, DateTimeOffset.UtcNow);
            Assert.NotNull(place);
            tickets.Add(ticket);
        }

        return tickets;
    }

    public static IAdmissionPartitionGrain Partition(IGrainFactory grains, string ticket)
    {
        Assert.True(AdmissionTicket.TryParse(ticket, out var procedure, out var partition));
        return grains.GetGrain<IAdmissionPartitionGrain>(AdmissionTicket.PartitionKey(procedure, partition));
    }

    public static async Task<AdmissionPlace[]> PlacesAsync(IGrainFactory grains, IReadOnlyList<string> tickets) =>
        await Task.WhenAll(tickets.Select(async t => (await Partition(grains, t).Find(t))!));

    /// <summary>Waits until every ticket's position is what <paramref name="expected"/> says (positions are republished every tick).</summary>
    public static async Task<AdmissionPlace[]> PositionsSettleAsync(IGrainFactory grains, IReadOnlyList<string> tickets, Func<AdmissionPlace[], bool> expected, double seconds = 20) =>
        await WaitlistScenes.EventuallyAsync(async () =>
        {
            var places = await PlacesAsync(grains, tickets);
            return expected(places) ? places : null;
        }, seconds);

    public static AdmissionSettings Settings(bool enabled, double rate, DateTimeOffset? opening = null) => new(enabled, opening, opening is null, rate, "tests");
}
