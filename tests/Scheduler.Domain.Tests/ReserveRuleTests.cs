using Scheduler.Contracts;
using Scheduler.Domain;

namespace Scheduler.Domain.Tests;

/// <summary>
/// The regional reserve in the day inventory's seat rule (<see cref="SeatLedger"/> with a <see cref="SeatPolicy"/>):
/// seats held for the group are refused to others while held, and fall back to everyone at the lead time. The office's
/// clock is a value here (<see cref="BookingClock"/>), so the fall-back moment is set by the test.
/// </summary>
public class ReserveRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = TestOffices.Plan(1, 9).Date;

    /// <summary>Half of a day of 4 seats (9:00 and 10:00, 2 each) is held for the group, falling back 24 h before each slot.</summary>
    private static SeatPolicy Outsider => new(0.5, 24, InReserveGroup: false, Now, FiledInTime: true);

    private static SeatPolicy Member => Outsider with { InReserveGroup = true };

    private static SeatRequest Request(string code, SeatPolicy policy, TimeOnly? start = null) =>
        new(code, TestOffices.Applicant("2" + code.PadLeft(7, '0')), start, [], "applicant", Policy: policy);

    private static BookingClock DaysBefore(int days, int hour = 12) => new(Day.AddDays(-days), new TimeOnly(hour, 0), 56);

    [Fact]
    public void While_the_reserve_is_held_people_outside_the_group_get_only_the_general_seats()
    {
        var ledger = new SeatLedger(TestOffices.Plan(2, 9, 10), []);

        var outsiders = Enumerable.Range(1, 4).Select(i => ledger.Take(Request($"O{i}", Outsider), DaysBefore(3), Now).Result).ToArray();

        Assert.Equal([SeatResult.Booked, SeatResult.Booked, SeatResult.SlotFull, SeatResult.SlotFull], outsiders);
        Assert.Equal(SeatResult.SlotFull, ledger.Take(Request("O5", Outsider, new TimeOnly(10, 0)), DaysBefore(3), Now).Result);
        var member = ledger.Take(Request("M1", Member), DaysBefore(3), Now);
        Assert.Equal((SeatResult.Booked, true), (member.Result, member.Appointment!.Reserve));
        Assert.Equal(1, ledger.ReserveHeld);
        Assert.Equal(1, ledger.Availability().ReserveHeld);
    }

    [Fact]
    public void Group_members_take_general_seats_too_and_the_reserve_counts_what_they_hold()
    {
        var ledger = new SeatLedger(TestOffices.Plan(2, 9, 10), []);

        // Two members take two seats, both against the reserve: nothing is held back from outsiders any more.
        Assert.True(ledger.Take(Request("M1", Member), DaysBefore(3), Now).Appointment!.Reserve);
        Assert.True(ledger.Take(Request("M2", Member), DaysBefore(3), Now).Appointment!.Reserve);
        var third = ledger.Take(Request("M3", Member), DaysBefore(3), Now);

        // A member's seat beyond the reserve counts too: the reserve is a floor under what the group holds.
        Assert.True(third.Appointment!.Reserve);
        Assert.Equal(3, ledger.ReserveHeld);
        Assert.Equal(SeatResult.Booked, ledger.Take(Request("O1", Outsider), DaysBefore(3), Now).Result);
        Assert.Equal(SeatResult.SlotFull, ledger.Take(Request("O2", Outsider), DaysBefore(3), Now).Result);
    }

    [Fact]
    public void When_a_day_grows_the_seats_its_group_already_holds_count_toward_the_larger_reserve()
    {
        // 2 seats, 1 held for the group; two members take both. Then the day grows to 6 seats, and the reserve to 3.
        var ledger = new SeatLedger(TestOffices.Plan(2, 9), []);
        Assert.True(ledger.Take(Request("M1", Member), DaysBefore(3), Now).Appointment!.Reserve);
        Assert.True(ledger.Take(Request("M2", Member), DaysBefore(3), Now).Appointment!.Reserve);
        Assert.Empty(ledger.ApplyPlan(TestOffices.Plan(2, 9, 10, 11)));

        // The group holds 2 of its 3: one of the 4 new seats stays held for it, the other 3 go to outsiders. Counting
        // only the member who took the reserve's one seat back then would hold 2 more on top (the group would end with 4).
        var outsiders = Enumerable.Range(1, 4).Select(i => ledger.Take(Request($"O{i}", Outsider), DaysBefore(3), Now).Result).ToArray();
        Assert.Equal([SeatResult.Booked, SeatResult.Booked, SeatResult.Booked, SeatResult.SlotFull], outsiders);
        Assert.Equal(SeatResult.Booked, ledger.Take(Request("M3", Member), DaysBefore(3), Now).Result);
        Assert.Equal(3, ledger.ReserveHeld);
    }

    [Fact]
    public void A_whole_number_of_reserve_seats_is_held_exactly_on_every_day_and_at_every_office()
    {
        foreach (var office in new[] { "lim-brena", "jz-cusco", "x" })
        {
            foreach (var date in Enumerable.Range(0, 60).Select(i => Day.AddDays(i)))
            {
                Assert.Equal(3, ReserveRule.Seats(10, 0.3, office, date));
                Assert.Equal(2, ReserveRule.Seats(4, 0.5, office, date));
                Assert.Equal(13, ReserveRule.Seats(13, 1, office, date));
                Assert.Equal(13, ReserveRule.Seats(13, 1.5, office, date));
                Assert.Equal(0, ReserveRule.Seats(13, 0, office, date));
                Assert.Equal(0, ReserveRule.Seats(0, 0.5, office, date));
            }
        }
    }

    [Fact]
    public void A_share_below_one_seat_a_day_is_held_on_that_share_of_days_and_the_same_on_every_ask()
    {
        // 6 % of a 13-seat day is 0.78 seats: rounding each day to the nearest seat would hold 1 every day (7.7 %).
        const double share = 0.06;
        string[] offices = ["lim-brena", "lim-carabaya", "lim-puruchuco", "lim-sjl", "lim-smp", "lim-chorrillos", "lim-vmt", "mac-comas", "mac-sjm", "mac-callao", "mac-ventanilla"];
        foreach (var office in offices)
        {
            var week = Enumerable.Range(0, 7).Select(i => ReserveRule.Seats(13, share, office, Day.AddDays(i))).ToArray();
            Assert.All(week, seats => Assert.InRange(seats, 0, 1));
            Assert.InRange(week.Sum(), 4, 7); // 7 x 0.78 = 5.46, to within about a seat
            Assert.Equal(week, Enumerable.Range(0, 7).Select(i => ReserveRule.Seats(13, share, office, Day.AddDays(i))));

            var twoMonths = Enumerable.Range(0, 60).Sum(i => ReserveRule.Seats(13, share, office, Day.AddDays(i)));
            Assert.InRange(twoMonths, 45, 49); // 60 x 0.78 = 46.8
        }

        // Eleven offices over six days hold the share of their 858 seats (51.5) to within a few seats.
        var all = offices.Sum(o => Enumerable.Range(0, 6).Sum(i => ReserveRule.Seats(13, share, o, Day.AddDays(i))));
        Assert.InRange(all, 48, 55);
    }

    [Fact]
    public void Unclaimed_reserve_seats_fall_back_to_everyone_at_the_lead_time_slot_by_slot()
    {
        // 6 seats (9:00, 10:00, 11:00; 2 each), 3 held for the group.
        var ledger = new SeatLedger(TestOffices.Plan(2, 9, 10, 11), []);
        Assert.All(Enumerable.Range(1, 3), i => Assert.Equal(SeatResult.Booked, ledger.Take(Request($"O{i}", Outsider), DaysBefore(3), Now).Result));
        Assert.Equal(SeatResult.SlotFull, ledger.Take(Request("O4", Outsider), DaysBefore(3), Now).Result);

        // 24 h before 10:00, the 9:00 and 10:00 slots are general again (one seat left there); 11:00 still holds the reserve.
        var atTenTheDayBefore = new BookingClock(Day.AddDays(-1), new TimeOnly(10, 0), 56);
        var fourth = ledger.Take(Request("O4", Outsider), atTenTheDayBefore, Now);
        Assert.Equal((SeatResult.Booked, new TimeOnly(10, 0)), (fourth.Result, fourth.Appointment!.Start));
        Assert.Equal(SeatResult.SlotFull, ledger.Take(Request("O5", Outsider), atTenTheDayBefore, Now).Result);

        var atElevenTheDayBefore = new BookingClock(Day.AddDays(-1), new TimeOnly(11, 0), 56);
        Assert.Equal(new TimeOnly(11, 0), ledger.Take(Request("O5", Outsider), atElevenTheDayBefore, Now).Appointment!.Start);
    }

    [Fact]
    public void A_cancelled_reserve_seat_is_held_for_the_group_again()
    {
        var ledger = new SeatLedger(TestOffices.Plan(2, 9, 10), []);
        var member = ledger.Take(Request("M1", Member), DaysBefore(3), Now);
        member.Change!.Commit();
        Assert.Equal(SeatResult.Booked, ledger.Take(Request("O1", Outsider), DaysBefore(3), Now).Result);
        Assert.Equal(SeatResult.Booked, ledger.Take(Request("O2", Outsider), DaysBefore(3), Now).Result);
        Assert.Equal(SeatResult.SlotFull, ledger.Take(Request("O3", Outsider), DaysBefore(3), Now).Result);

        var (released, change) = ledger.Release("M1", new HistoryEntry(Now, "cancelled", "applicant", null), movedAway: false);
        Assert.True(released);
        change!.Commit();

        Assert.Equal(0, ledger.ReserveHeld);
        Assert.Equal(SeatResult.SlotFull, ledger.Take(Request("O3", Outsider), DaysBefore(3), Now).Result);
        Assert.True(ledger.Take(Request("M2", Member), DaysBefore(3), Now).Appointment!.Reserve);
    }

    [Fact]
    public void The_appointment_records_when_and_whether_in_time_its_applicant_filed()
    {
        var ledger = new SeatLedger(TestOffices.Plan(2, 9), []);
        var filedAt = Now.AddDays(-2);

        var booked = ledger.Take(Request("A", new SeatPolicy(0, 0, false, filedAt, FiledInTime: true)), DaysBefore(3), Now).Appointment!;

        Assert.Equal((filedAt, true, false), (booked.FiledAt, booked.FiledInTime, booked.Reserve));
    }

    [Theory]
    [InlineData(-12.05, -77.04, false)] // Lima
    [InlineData(-16.40, -71.53, true)] // Arequipa, ~770 km away
    [InlineData(-12.07, -75.21, false)] // Huancayo, ~200 km: within 300 km, and not a listed department
    [InlineData(-3.75, -73.25, true)] // Iquitos: far, and in a listed department
    public void The_group_is_whoever_lives_far_from_every_office_of_Lima_or_nearest_an_office_of_a_listed_department(double lat, double lon, bool inGroup)
    {
        OfficeSummary Office(string id, string department, double la, double lo) => new(id, id, "agency", department, id, la, lo, "America/Lima", ["p"]);
        var offices = new[]
        {
            Office("lim-a", "Lima", -12.05, -77.04), Office("lim-b", "Lima", -12.10, -76.99), Office("hyo", "Junin", -12.07, -75.21),
            Office("aqp", "Arequipa", -16.40, -71.53), Office("iqt", "Loreto", -3.75, -73.25),
        };
        var reserve = new ReservePolicy(0.3, 300, ["Loreto"], 48);

        Assert.Equal(inGroup, ReserveRule.InGroup(reserve, new GeoPoint(lat, lon), offices, "p"));
        Assert.False(ReserveRule.InGroup(reserve, null, offices, "p"));
    }
}
