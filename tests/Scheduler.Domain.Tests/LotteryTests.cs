using Scheduler.Contracts;
using Scheduler.Domain;

namespace Scheduler.Domain.Tests;

/// <summary>How a batch gives seats (<see cref="Lottery"/>): a seeded, replayable uniform order, the earliest seat in reach, the reserve's rule.</summary>
public class LotteryTests
{
    private static readonly DateOnly Day = new(2026, 12, 7);
    private static readonly OfficeSummary Lima = new("lim", "Lima", "agency", "Lima", "Lima", -12.05, -77.04, "America/Lima", ["p"]);
    private static readonly OfficeSummary Arequipa = new("aqp", "Arequipa", "agency", "Arequipa", "Arequipa", -16.40, -71.53, "America/Lima", ["p"]);
    private static readonly DateTime LongBefore = Day.AddDays(-10).ToDateTime(TimeOnly.MinValue);

    private static BatchCandidate Near(string id, OfficeSummary office, DateOnly from, DateOnly to, bool group = false) =>
        new(id, office.Latitude, office.Longitude, 50, null, from, to, group);

    private static OfferedDay Seats(OfficeSummary office, DateOnly date, int perSlot, params int[] hours) =>
        new(office.Id, date, hours.Select(h => new SlotAvailability(new TimeOnly(h, 0), new TimeOnly(h, 20), perSlot, perSlot)).ToArray(), 0, LongBefore);

    [Fact]
    public void The_same_seed_and_inputs_replay_the_same_order_and_plan()
    {
        var requests = Enumerable.Range(0, 200).Select(i => Near($"R-{i:D3}", i % 3 == 0 ? Arequipa : Lima, Day, Day.AddDays(2))).ToArray();
        var seats = new[] { Seats(Lima, Day, 10, 9, 10), Seats(Lima, Day.AddDays(1), 10, 9), Seats(Arequipa, Day.AddDays(2), 5, 9, 10) };

        var order = Lottery.Order(42, requests);
        var plan = Lottery.Plan(order, requests, seats, [Lima, Arequipa], null);
        var replayedOrder = Lottery.Order(42, requests);
        var replayed = Lottery.Plan(replayedOrder, requests, seats, [Lima, Arequipa], null);

        Assert.Equal(order, replayedOrder);
        Assert.Equal(plan, replayed);
        Assert.Equal(40, plan.Count);
        Assert.NotEqual(order, Lottery.Order(43, requests));
        Assert.Equal(requests.Select(r => r.RequestId).Order(), order.Order());
    }

    [Fact]
    public void The_order_is_uniform_every_request_is_first_about_equally_often()
    {
        var requests = Enumerable.Range(0, 5).Select(i => Near($"R-{i}", Lima, Day, Day)).ToArray();
        var firsts = new int[5];
        for (var seed = 0L; seed < 50_000; seed++)
        {
            firsts[int.Parse(Lottery.Order(seed, requests)[0][2..], System.Globalization.CultureInfo.InvariantCulture)]++;
        }

        // 10,000 expected each; a fair draw stays within 4 standard deviations (~ 4 x 89).
        Assert.All(firsts, count => Assert.InRange(count, 9_640, 10_360));
    }

    [Fact]
    public void Each_request_gets_the_earliest_seat_in_its_reach_and_no_seat_is_given_twice()
    {
        var requests = new[]
        {
            Near("R-1", Lima, Day, Day.AddDays(1)), Near("R-2", Lima, Day.AddDays(1), Day.AddDays(1)), Near("R-3", Arequipa, Day, Day.AddDays(1)),
            Near("R-4", Lima, Day, Day.AddDays(1)), Near("R-5", Lima, Day, Day.AddDays(1)),
        };
        var seats = new[] { Seats(Lima, Day, 1, 9, 10), Seats(Lima, Day.AddDays(1), 1, 9), Seats(Arequipa, Day.AddDays(1), 1, 11) };

        var plan = Lottery.Plan(["R-1", "R-2", "R-3", "R-4", "R-5"], requests, seats, [Lima, Arequipa], null).ToDictionary(p => p.RequestId);

        Assert.Equal((Day, new TimeOnly(9, 0)), (plan["R-1"].Date, plan["R-1"].Start));
        Assert.Equal(("lim", Day.AddDays(1), new TimeOnly(9, 0)), (plan["R-2"].OfficeId, plan["R-2"].Date, plan["R-2"].Start));
        Assert.Equal(("aqp", Day.AddDays(1)), (plan["R-3"].OfficeId, plan["R-3"].Date));
        Assert.Equal((Day, new TimeOnly(10, 0)), (plan["R-4"].Date, plan["R-4"].Start));
        Assert.False(plan.ContainsKey("R-5"));
    }

    [Fact]
    public void A_request_listing_offices_is_seated_only_there()
    {
        var listing = new BatchCandidate("R-1", Lima.Latitude, Lima.Longitude, 50, ["aqp"], Day, Day, false);

        var plan = Lottery.Plan(["R-1"], [listing], [Seats(Lima, Day, 5, 9), Seats(Arequipa, Day, 1, 15)], [Lima, Arequipa], null);

        Assert.Equal(("aqp", new TimeOnly(15, 0)), (Assert.Single(plan).OfficeId, plan[0].Start));
    }

    [Fact]
    public void Reserve_seats_go_only_to_the_group_however_the_draw_falls_until_they_fall_back()
    {
        // 10 seats, 30 % held for the group; 10 outsiders drawn before 3 members still leave the members 3 seats.
        var outsiders = Enumerable.Range(0, 10).Select(i => Near($"O-{i}", Lima, Day, Day)).ToArray();
        var members = Enumerable.Range(0, 3).Select(i => Near($"M-{i}", Lima, Day, Day, group: true)).ToArray();
        var requests = outsiders.Concat(members).ToArray();
        var order = outsiders.Concat(members).Select(r => r.RequestId).ToArray();
        var reserve = new ReservePolicy(0.3, 300, [], 24);

        var plan = Lottery.Plan(order, requests, [Seats(Lima, Day, 5, 9, 10)], [Lima], reserve);

        Assert.Equal(7, plan.Count(p => p.RequestId.StartsWith('O')));
        Assert.Equal(3, plan.Count(p => p.RequestId.StartsWith('M') && p.Reserve));

        // After the fall-back moment the same draw gives the outsiders every seat.
        var fallenBack = Seats(Lima, Day, 5, 9, 10) with { FallenBackThrough = Day.ToDateTime(new TimeOnly(10, 0)) };
        var late = Lottery.Plan(order, requests, [fallenBack], [Lima], reserve);
        Assert.Equal(10, late.Count(p => p.RequestId.StartsWith('O')));
    }
    [Fact]
    public void The_reserve_is_a_floor_not_an_extra_a_group_that_wins_its_share_in_the_draw_gets_no_seats_on_top()
    {
        // 10 seats, 3 held for the group; 10 members and 10 outsiders drawn alternately. The members drawn first hold
        // the reserve's seats and every seat a member takes counts toward it, so the group ends with its share of the
        // draw (5), not the reserve on top of it (an open-seats-first order would give 4 open seats and then the 3
        // reserve seats: 7).
        var members = Enumerable.Range(0, 10).Select(i => Near($"M-{i}", Lima, Day, Day, group: true)).ToArray();
        var outsiders = Enumerable.Range(0, 10).Select(i => Near($"O-{i}", Lima, Day, Day)).ToArray();
        var requests = members.Concat(outsiders).ToArray();
        var alternate = members.Zip(outsiders).SelectMany(p => new[] { p.First.RequestId, p.Second.RequestId }).ToArray();
        var reserve = new ReservePolicy(0.3, 300, [], 24);

        var plan = Lottery.Plan(alternate, requests, [Seats(Lima, Day, 5, 9, 10)], [Lima], reserve);

        Assert.Equal((5, 5, 5), (plan.Count(p => p.RequestId.StartsWith('M')), plan.Count(p => p.Reserve), plan.Count(p => p.RequestId.StartsWith('O'))));

        // Drawn last, the group still gets the floor.
        var membersLast = outsiders.Concat(members).Select(r => r.RequestId).ToArray();
        var late = Lottery.Plan(membersLast, requests, [Seats(Lima, Day, 5, 9, 10)], [Lima], reserve);
        Assert.Equal((3, 7), (late.Count(p => p.RequestId.StartsWith('M')), late.Count(p => p.RequestId.StartsWith('O'))));
    }
}
