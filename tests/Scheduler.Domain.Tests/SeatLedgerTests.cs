using Scheduler.Contracts;
using Scheduler.Domain;

namespace Scheduler.Domain.Tests;

public class SeatLedgerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeOnly Nine = new(9, 0);
    private static readonly TimeOnly Ten = new(10, 0);

    /// <summary>The office's clock some days before the plan's date: every slot of the day is bookable.</summary>
    private static readonly BookingClock Open = new(TestOffices.Plan(1, 9).Date.AddDays(-3), new TimeOnly(12, 0), 56);

    private static BookingClock TodayAt(TimeOnly now) => new(TestOffices.Plan(1, 9).Date, now, 56);

    private static SeatRequest Request(string code, string number, TimeOnly? start = null) =>
        new(code, TestOffices.Applicant(number), start, [], "applicant");

    [Fact]
    public void A_slot_gives_exactly_its_capacity_and_then_answers_full()
    {
        var ledger = new SeatLedger(TestOffices.Plan(2, 9), []);

        var results = Enumerable.Range(0, 5).Select(i => ledger.Take(Request($"C{i}", $"10000{i}", Nine), Open, Now).Result).ToArray();

        Assert.Equal([SeatResult.Booked, SeatResult.Booked, SeatResult.SlotFull, SeatResult.SlotFull, SeatResult.SlotFull], results);
        Assert.Equal(2, ledger.Held(Nine));
    }

    [Fact]
    public void Without_a_start_the_earliest_free_slot_is_taken()
    {
        var ledger = new SeatLedger(TestOffices.Plan(1, 9, 10), []);

        var first = ledger.Take(Request("A", "100001"), Open, Now);
        var second = ledger.Take(Request("B", "100002"), Open, Now);
        var third = ledger.Take(Request("C", "100003"), Open, Now);

        Assert.Equal(Nine, first.Appointment!.Start);
        Assert.Equal(Ten, second.Appointment!.Start);
        Assert.Equal(SeatResult.SlotFull, third.Result);
    }

    [Fact]
    public void Slots_that_have_begun_are_not_offered()
    {
        var ledger = new SeatLedger(TestOffices.Plan(1, 9, 10), []);

        Assert.Equal(SeatResult.NotOffered, ledger.Take(Request("A", "100001", Nine), TodayAt(new TimeOnly(9, 5)), Now).Result);
        Assert.Equal(Ten, ledger.Take(Request("B", "100002"), TodayAt(new TimeOnly(9, 5)), Now).Appointment!.Start);
    }

    [Fact]
    public void Asking_again_with_the_same_code_returns_the_same_seat()
    {
        var ledger = new SeatLedger(TestOffices.Plan(3, 9), []);
        var first = ledger.Take(Request("A", "100001", Nine), Open, Now);

        var again = ledger.Take(Request("A", "100001", Nine), Open, Now);

        Assert.Same(first.Appointment, again.Appointment);
        Assert.Null(again.Change);
        Assert.Equal(1, ledger.Held(Nine));
    }

    [Fact]
    public void An_applicant_who_already_holds_a_seat_that_day_gets_it_back_instead_of_a_second()
    {
        var ledger = new SeatLedger(TestOffices.Plan(3, 9), []);
        var first = ledger.Take(Request("A", "100001", Nine), Open, Now);

        var retry = ledger.Take(Request("B", "100001", Nine), Open, Now);

        Assert.Equal("A", retry.Appointment!.Code);
        Assert.Equal(1, ledger.Held(Nine));
    }

    [Fact]
    public void A_rolled_back_booking_frees_its_seat_and_forgets_the_appointment()
    {
        var ledger = new SeatLedger(TestOffices.Plan(1, 9), []);
        var taken = ledger.Take(Request("A", "100001", Nine), Open, Now);

        taken.Change!.Rollback();

        Assert.Null(ledger.Find("A"));
        Assert.Equal(0, ledger.Held(Nine));
        Assert.Equal(SeatResult.Booked, ledger.Take(Request("B", "100002", Nine), Open, Now).Result);
    }

    [Fact]
    public void The_seat_an_applicant_holds_is_known_through_every_change_of_its_record()
    {
        var ledger = new SeatLedger(TestOffices.Plan(3, 9, 10), []);
        ledger.Take(Request("A", "100001", Nine), Open, Now).Change!.Commit();

        // A second code for the same applicant gets the held seat back, also after the seat moved within the day.
        ledger.Take(Request("A", "100001", Ten), Open, Now).Change!.Commit();
        Assert.Equal(("A", Ten), Seat(ledger.Take(Request("B", "100001", Nine), Open, Now)));

        // A release that rolls back keeps the applicant seated; one that commits lets them book anew.
        ledger.Release("A", new HistoryEntry(Now, "cancelled", "applicant", null), movedAway: false).Change!.Rollback();
        Assert.Equal(("A", Ten), Seat(ledger.Take(Request("C", "100001", Nine), Open, Now)));
        ledger.Release("A", new HistoryEntry(Now, "cancelled", "applicant", null), movedAway: false).Change!.Commit();
        var again = ledger.Take(Request("D", "100001", Nine), Open, Now);
        Assert.Equal(("D", Nine), Seat(again));

        // A booking that rolls back leaves the applicant free to book with another code.
        again.Change!.Rollback();
        Assert.Equal(("E", Nine), Seat(ledger.Take(Request("E", "100001", Nine), Open, Now)));
    }

    [Fact]
    public void An_applicant_seated_in_the_stored_records_is_known_after_a_rebuild()
    {
        var stored = new SeatLedger(TestOffices.Plan(2, 9), []);
        stored.Take(Request("A", "100001", Nine), Open, Now).Change!.Commit();
        stored.Take(Request("B", "100002", Nine), Open, Now).Change!.Commit();
        stored.Release("B", new HistoryEntry(Now, "cancelled", "applicant", null), movedAway: false).Change!.Commit();

        var rebuilt = new SeatLedger(TestOffices.Plan(2, 9), stored.Appointments);

        Assert.Equal(("A", Nine), Seat(rebuilt.Take(Request("X", "100001"), Open, Now)));
        Assert.Equal(("Y", Nine), Seat(rebuilt.Take(Request("Y", "100002"), Open, Now)));
    }

    private static (string Code, TimeOnly Start) Seat((SeatResult Result, Appointment? Appointment, LedgerChange? Change, SlotRefusal Refusal) taken) =>
        (taken.Appointment!.Code, taken.Appointment.Start);

    [Fact]
    public void A_released_seat_stays_held_until_the_release_commits()
    {
        var ledger = new SeatLedger(TestOffices.Plan(1, 9), []);
        ledger.Take(Request("A", "100001", Nine), Open, Now).Change!.Commit();

        var release = ledger.Release("A", new HistoryEntry(Now, "cancelled", "applicant", null), movedAway: false);

        Assert.Equal(SeatResult.SlotFull, ledger.Take(Request("B", "100002", Nine), Open, Now).Result);
        release.Change!.Commit();
        Assert.Equal(AppointmentStatus.Cancelled, ledger.Find("A")!.Status);
        Assert.Equal(SeatResult.Booked, ledger.Take(Request("B", "100002", Nine), Open, Now).Result);
    }

    [Fact]
    public void Erasing_the_selected_records_keeps_their_seats_statuses_and_history_and_leaves_the_others_alone()
    {
        var ledger = new SeatLedger(TestOffices.Plan(2, 9), []);
        ledger.Take(Request("A", "100001", Nine), Open, Now).Change!.Commit();
        ledger.Take(Request("B", "100002", Nine), Open, Now).Change!.Commit();
        ledger.Release("A", new HistoryEntry(Now, "cancelled", "applicant", null), movedAway: false).Change!.Commit();
        var erasure = new HistoryEntry(Now, "personal-data-erased", "scheduler", null);

        var erased = ledger.Erase(a => a.Status == AppointmentStatus.Cancelled, erasure);

        Assert.Equal(1, erased);
        Assert.Equal((AppointmentStatus.Cancelled, Nine, true), (ledger.Find("A")!.Status, ledger.Find("A")!.Start, ledger.Find("A")!.Applicant.IsErased));
        Assert.Equal(["cancelled", "personal-data-erased"], ledger.Find("A")!.History.Select(h => h.Action).TakeLast(2));
        Assert.Equal(TestOffices.Applicant("100002"), ledger.Find("B")!.Applicant);
        Assert.Equal(1, ledger.Held(Nine));
        Assert.Equal(0, ledger.Erase(a => a.Status == AppointmentStatus.Cancelled, erasure));
    }

    [Fact]
    public void A_rolled_back_release_restores_the_appointment()
    {
        var ledger = new SeatLedger(TestOffices.Plan(1, 9), []);
        ledger.Take(Request("A", "100001", Nine), Open, Now).Change!.Commit();

        ledger.Release("A", new HistoryEntry(Now, "cancelled", "applicant", null), movedAway: false).Change!.Rollback();

        Assert.Equal(AppointmentStatus.Booked, ledger.Find("A")!.Status);
        Assert.Equal(1, ledger.Held(Nine));
        Assert.False(ledger.Release("B", new HistoryEntry(Now, "cancelled", "applicant", null), movedAway: false).Released);
    }

    [Fact]
    public void Moving_within_the_day_keeps_the_old_seat_until_the_move_commits()
    {
        var ledger = new SeatLedger(TestOffices.Plan(1, 9, 10), []);
        ledger.Take(Request("A", "100001", Nine), Open, Now).Change!.Commit();

        var move = ledger.Take(Request("A", "100001", Ten), Open, Now);

        Assert.Equal(Ten, move.Appointment!.Start);
        Assert.Equal(1, ledger.Held(Nine));
        move.Change!.Commit();
        Assert.Equal(0, ledger.Held(Nine));
        Assert.Equal(1, ledger.Held(Ten));
        Assert.Equal(["booked", "moved"], ledger.Find("A")!.History.Select(h => h.Action));
    }

    [Fact]
    public void A_voided_code_can_never_take_a_seat()
    {
        var ledger = new SeatLedger(TestOffices.Plan(1, 9), []);

        ledger.Void("A");

        Assert.Equal(SeatResult.CodeVoid, ledger.Take(Request("A", "100001", Nine), Open, Now).Result);
    }

    [Fact]
    public void A_cut_below_what_is_booked_names_the_latest_booked_as_displaced_and_keeps_their_seats()
    {
        var ledger = new SeatLedger(TestOffices.Plan(3, 9), []);
        ledger.Take(Request("A", "100001", Nine), Open, Now).Change!.Commit();
        ledger.Take(Request("B", "100002", Nine), Open, Now.AddMinutes(1)).Change!.Commit();

        var displaced = ledger.ApplyPlan(TestOffices.Plan(1, 9));

        Assert.Equal("B", Assert.Single(displaced).Code);
        Assert.Equal(2, ledger.Availability().Slots[0].Capacity);
        Assert.Equal(0, ledger.Availability().Free);
        Assert.Equal(SeatResult.SlotFull, ledger.Take(Request("C", "100003", Nine), Open, Now).Result);
        ledger.Release("B", new HistoryEntry(Now, "relocated", "operator", null), movedAway: true).Change!.Commit();
        Assert.Equal(1, ledger.Availability().Slots[0].Capacity);
        ledger.ApplyPlan(TestOffices.Plan(5, 9));
        Assert.Equal(5, ledger.Availability().Slots[0].Capacity);
        Assert.Equal(4, ledger.Availability().Free);
    }

    [Fact]
    public void A_booked_slot_that_new_hours_no_longer_cover_stays_visible_until_moved()
    {
        var ledger = new SeatLedger(TestOffices.Plan(2, 9, 10), []);
        ledger.Take(Request("A", "100001", Ten), Open, Now).Change!.Commit();

        var displaced = ledger.ApplyPlan(TestOffices.Plan(2, 9));

        Assert.Equal("A", Assert.Single(displaced).Code);
        var ten = Assert.Single(ledger.Availability().Slots, s => s.Start == Ten);
        Assert.Equal(1, ten.Capacity);
        Assert.Equal(0, ten.Free);
    }

    [Fact]
    public void A_request_the_slot_rules_refuse_takes_no_seat_and_says_why()
    {
        var ledger = new SeatLedger(TestOffices.Plan(1, 9, 10), []);

        var offGrid = ledger.Take(Request("A", "100001", new TimeOnly(9, 40)), Open, Now);
        var begun = ledger.Take(Request("B", "100002", Nine), TodayAt(new TimeOnly(9, 5)), Now);
        var past = ledger.Take(Request("C", "100003", Ten), new BookingClock(TestOffices.Plan(1, 9).Date.AddDays(1), Nine, 56), Now);

        Assert.Equal((SeatResult.NotOffered, SlotRefusal.NotOnGrid), (offGrid.Result, offGrid.Refusal));
        Assert.Equal((SeatResult.NotOffered, SlotRefusal.Begun), (begun.Result, begun.Refusal));
        Assert.Equal((SeatResult.NotOffered, SlotRefusal.InThePast), (past.Result, past.Refusal));
        Assert.All(ledger.Availability().Slots, s => Assert.Equal(1, s.Free));
    }

    [Fact]
    public void An_appointment_can_move_back_to_a_day_it_left()
    {
        var ledger = new SeatLedger(TestOffices.Plan(1, 9), []);
        ledger.Take(Request("A", "100001", Nine), Open, Now).Change!.Commit();
        ledger.Release("A", new HistoryEntry(Now, "moved-out", "scheduler", null), movedAway: true).Change!.Commit();

        var back = ledger.Take(Request("A", "100001", Nine), Open, Now);

        Assert.Equal(SeatResult.Booked, back.Result);
        Assert.True(ledger.Find("A")!.IsActive);
        Assert.Equal(1, ledger.Held(Nine));
    }
}
