using Scheduler.LoadTests.Contract;
using Scheduler.LoadTests.Journeys;

namespace Scheduler.LoadTests.Tests;

public sealed class SlotChooserTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly (string, string) Morning = ("2026-11-24", "07:00");

    [Fact]
    public void A_near_office_a_day_later_beats_a_far_one_today_when_km_are_dear()
    {
        EarliestSlot[] offers =
        [
            new("far", null, null, 40, "2026-11-24", "08:00", null, 3),
            new("near", null, null, 2, "2026-11-25", "08:00", null, 3),
        ];

        Assert.Equal("near", SlotChooser.FromEarliest(offers, Today, kmPerDay: 8, maxTravelKm: 100, new HashSet<string>())!.OfficeId);
        Assert.Equal("far", SlotChooser.FromEarliest(offers, Today, kmPerDay: 100, maxTravelKm: 100, new HashSet<string>())!.OfficeId);
    }

    [Fact]
    public void Offices_beyond_travel_range_are_taken_only_when_nothing_is_nearer()
    {
        EarliestSlot[] offers = [new("remote", null, null, 500, "2026-11-24", "08:00", null, 3)];

        Assert.Equal("remote", SlotChooser.FromEarliest(offers, Today, 8, 100, new HashSet<string>())!.OfficeId);
        Assert.Null(SlotChooser.FromEarliest(offers, Today, 8, 100, new HashSet<string> { "remote" }));
    }

    [Fact]
    public void The_earliest_free_untried_slot_of_the_first_usable_day_is_picked()
    {
        var view = new AvailabilityView("o", "p",
        [
            new("2026-11-25", 2, 0, [new("08:00", "08:20", 2, 0)]),
            new("2026-11-26", 4, 3, [new("08:00", "08:20", 2, 1), new("08:20", "08:40", 2, 2)]),
        ]);

        var first = SlotChooser.FromAvailability(view, "2026-11-25", 3, "earliest", new Random(1), new HashSet<string>(), Morning)!;
        Assert.Equal(("2026-11-26", "08:00"), (first.Date, first.Start));

        var next = SlotChooser.FromAvailability(view, "2026-11-25", 3, "earliest", new Random(1), new HashSet<string> { first.Key }, Morning)!;
        Assert.Equal("08:20", next.Start);
    }

    [Fact]
    public void Slots_that_have_already_begun_today_are_skipped()
    {
        var view = new AvailabilityView("o", "p",
        [
            new("2026-11-24", 4, 4, [new("08:00", "08:20", 2, 2), new("16:40", "17:00", 2, 2)]),
        ]);

        var pick = SlotChooser.FromAvailability(view, "2026-11-24", 0, "earliest", new Random(1), new HashSet<string>(), ("2026-11-24", "16:26"));

        Assert.Equal("16:40", pick!.Start);
    }

    [Fact]
    public void Same_office_alternatives_win_for_an_applicant_set_on_that_office()
    {
        var alternatives = new SlotAlternatives(
            [new SameOfficeAlternative("2026-11-27", "09:00", null, 1)],
            [new NearbyOfficeAlternative("other", 2, "2026-11-24", "09:00", null, 5)]);

        var loyal = SlotChooser.FromAlternatives(alternatives, "lim-brena", 1, _ => 3, Today, 8, 100, new HashSet<string>(), preferSameOffice: true);
        var flexible = SlotChooser.FromAlternatives(alternatives, "lim-brena", 1, _ => 3, Today, 8, 100, new HashSet<string>(), preferSameOffice: false);

        Assert.Equal("lim-brena", loyal!.OfficeId);
        Assert.Equal("other", flexible!.OfficeId);
    }

    [Fact]
    public void Alternatives_too_far_from_home_or_already_tried_are_ignored()
    {
        var alternatives = new SlotAlternatives(
            [new SameOfficeAlternative("2026-11-27", "09:00", null, 1)],
            [new NearbyOfficeAlternative("other", 2, "2026-11-24", "09:00", null, 5)]);

        var pick = SlotChooser.FromAlternatives(alternatives, "lim-brena", 1, _ => 300, Today, 8, 100, new HashSet<string> { "lim-brena|2026-11-27|09:00" }, false);

        Assert.Null(pick);
    }

    [Fact]
    public void Earliest_chasers_herd_onto_one_alternative_while_early_random_ones_spread()
    {
        var alternatives = new SlotAlternatives(
            [.. Enumerable.Range(0, 5).Select(i => new SameOfficeAlternative("2026-11-25", $"{8 + i:00}:00", null, 3))],
            []);
        var random = new Random(4);
        var none = new HashSet<string>();

        var herd = Enumerable.Range(0, 100).Select(_ => SlotChooser.FromAlternatives(alternatives, "o", 1, _ => 1, Today, 8, 100, none, true, "earliest", random)!.Start).Distinct().ToList();
        var spread = Enumerable.Range(0, 100).Select(_ => SlotChooser.FromAlternatives(alternatives, "o", 1, _ => 1, Today, 8, 100, none, true, "early-random", random)!.Start).Distinct().ToList();

        Assert.Equal(["08:00"], herd);
        Assert.Equal(4, spread.Count);
    }

    [Fact]
    public void Direct_picks_are_the_first_n_open_days_from_the_first_wanted_date_each_with_its_first_slot()
    {
        (string, string)[] opened =
        [
            ("2026-11-24", "07:00"), ("2026-11-25", "07:00"), ("2026-11-26", "07:00"), ("2026-11-28", "07:20"), ("2026-11-27", "07:00"), ("2026-11-29", "07:00"),
        ];

        var picks = SlotChooser.FirstOpenDays(opened, "lim-brena", Today.AddDays(1), Morning, count: 3);

        Assert.Equal(["2026-11-25", "2026-11-26", "2026-11-27"], picks.Select(p => p.Date));
        Assert.All(picks, p => Assert.Equal(("lim-brena", "07:00"), (p.OfficeId, p.Start)));
    }

    [Fact]
    public void Today_is_a_direct_pick_only_before_its_first_slot_begins()
    {
        (string, string)[] opened = [("2026-11-23", "07:00"), ("2026-11-24", "07:00"), ("2026-11-25", "07:00")];

        var early = SlotChooser.FirstOpenDays(opened, "o", Today.AddDays(-5), ("2026-11-24", "06:30"), count: 5);
        var late = SlotChooser.FirstOpenDays(opened, "o", Today.AddDays(-5), ("2026-11-24", "07:00"), count: 5);

        Assert.Equal(["2026-11-24", "2026-11-25"], early.Select(p => p.Date));
        Assert.Equal(["2026-11-25"], late.Select(p => p.Date));
    }

    [Fact]
    public void Without_a_capacity_raise_the_open_days_are_those_with_a_free_seat_and_their_first_free_slot()
    {
        var view = new AvailabilityView("o", "p",
        [
            new("2026-11-25", 4, 1, [new("08:00", "08:20", 2, 0), new("08:20", "08:40", 2, 1)]),
            new("2026-11-26", 2, 0, [new("08:00", "08:20", 2, 0)]),
            new("2026-11-27", 2, 2, [new("08:00", "08:20", 2, 2)]),
        ]);

        var picks = SlotChooser.FirstOpenDays(SlotChooser.FreeDays(view), "o", Today, Morning, count: 20);

        Assert.Equal([("2026-11-25", "08:20"), ("2026-11-27", "08:00")], picks.Select(p => (p.Date, p.Start!)));
    }

    [Fact]
    public void A_direct_applicant_chooses_uniformly_among_the_n_days()
    {
        var picks = Enumerable.Range(0, 20).Select(i => new SlotPick("lim-brena", Today.AddDays(i + 1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), null, 0)).ToList();
        var random = new Random(11);

        var counts = Enumerable.Range(0, 60_000).Select(_ => SlotChooser.DirectPick(picks, random)!.Date).CountBy(d => d).ToDictionary();

        Assert.Equal(20, counts.Count);
        Assert.All(counts.Values, n => Assert.InRange(n, 2_700, 3_300)); // 3,000 each; ±10 % is over 5 standard deviations
        Assert.Same(picks[0], SlotChooser.DirectPick(picks[..1], new Random(1)));
        Assert.Null(SlotChooser.DirectPick([], random));
    }
}
