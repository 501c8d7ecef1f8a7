using Scheduler.LoadTests.Audit;
using Scheduler.LoadTests.Contract;

namespace Scheduler.LoadTests.Tests;

public sealed class AuditorTests
{
    private static LedgerEntry Entry(string code, string number = "12345678", string office = "lim-brena", string date = "2026-12-01", string start = "08:00") => new()
    {
        Code = code,
        DocumentType = "CPP",
        DocumentNumber = number,
        Country = "VE",
        FullName = "Maria Perez",
        Procedure = "cpp-biometrics",
        OfficeId = office,
        Date = date,
        Start = start,
        BookedAtSeconds = 1,
    };

    private static FetchedAppointment Found(LedgerEntry e, string status = "booked", string? start = null) =>
        new(200, new AppointmentView(e.Code, status, e.Procedure, e.OfficeId, e.Date, start ?? e.Start, null,
            new ApplicantDetails(e.DocumentType, e.DocumentNumber, e.Country, e.FullName)));

    private static RosterAppointment OnRoster(string code, string number, string status = "booked") =>
        new(code, "08:00", status, "CPP", number, "VE", "X");

    private static FetchedRoster Roster(int capacity, int booked, params RosterAppointment[] appointments) =>
        new("lim-brena", "2026-12-01", 200, new RosterView("lim-brena", "2026-12-01",
            [new RosterProcedure("cpp-biometrics", [new RosterSlot("08:00", "08:20", capacity, booked, appointments)])]));

    private static AuditInputs Inputs(IReadOnlyList<LedgerEntry> ledger, Dictionary<string, FetchedAppointment> fetched, params FetchedRoster[] rosters) => new()
    {
        Ledger = ledger,
        Appointments = fetched,
        Rosters = rosters,
    };

    [Fact]
    public void A_clean_run_passes_every_check()
    {
        var a = Entry("AAA111");
        var b = Entry("BBB222", number: "87654321");
        var result = Auditor.Audit(Inputs([a, b], new() { [a.Code] = Found(a), [b.Code] = Found(b) }, Roster(2, 2, OnRoster("AAA111", "12345678"), OnRoster("BBB222", "87654321"))));

        Assert.True(result.Passed);
        Assert.All(result.Checks, c => Assert.Equal(AuditCheck.Passed, c.Status));
    }

    [Fact]
    public void An_acknowledged_booking_that_is_gone_fails_the_audit()
    {
        var a = Entry("AAA111");
        var result = Auditor.Audit(Inputs([a], new() { [a.Code] = new FetchedAppointment(404, null) }));

        Assert.False(result.Passed);
        var check = result.Checks.Single(c => c.Name == "acknowledged-bookings-present");
        Assert.Equal(1, check.Violations);
        Assert.Contains("AAA111", check.Details[0]);
    }

    [Fact]
    public void A_booking_whose_seat_changed_behind_the_tools_back_fails()
    {
        var a = Entry("AAA111");
        var result = Auditor.Audit(Inputs([a], new() { [a.Code] = Found(a, start: "09:00") }));

        Assert.Contains("start expected '08:00' got '09:00'", result.Checks.Single(c => c.Name == "acknowledged-bookings-present").Details[0]);
    }

    [Fact]
    public void A_booking_the_tool_cancelled_may_be_gone_or_cancelled_but_not_booked()
    {
        var gone = Entry("AAA111") with { Status = LedgerStatus.Cancelled };
        var cancelled = Entry("BBB222", number: "2") with { Status = LedgerStatus.Cancelled };
        var stillBooked = Entry("CCC333", number: "3") with { Status = LedgerStatus.Cancelled };

        var check = Auditor.AcknowledgedBookingsPresent(Inputs([gone, cancelled, stillBooked], new()
        {
            [gone.Code] = new FetchedAppointment(404, null),
            [cancelled.Code] = Found(cancelled, status: "cancelled"),
            [stillBooked.Code] = Found(stillBooked),
        }));

        Assert.Equal(1, check.Violations);
        Assert.Contains("CCC333", check.Details[0]);
    }

    [Fact]
    public void A_moved_booking_is_checked_at_its_new_seat()
    {
        var moved = Entry("AAA111", date: "2026-12-05", start: "10:00") with { Reschedules = 1 };

        Assert.Equal(0, Auditor.AcknowledgedBookingsPresent(Inputs([moved], new() { [moved.Code] = Found(moved) })).Violations);
        Assert.Equal(1, Auditor.AcknowledgedBookingsPresent(Inputs([moved], new() { [moved.Code] = Found(Entry("AAA111")) })).Violations);
    }

    [Fact]
    public void An_unanswered_reschedule_accepts_either_seat()
    {
        var uncertain = Entry("AAA111", date: "2026-12-05", start: "10:00") with
        {
            Status = LedgerStatus.Uncertain,
            PreviousSeat = ("lim-brena", "2026-12-01", "08:00"),
        };

        Assert.Equal(0, Auditor.AcknowledgedBookingsPresent(Inputs([uncertain], new() { [uncertain.Code] = Found(Entry("AAA111")) })).Violations);
        Assert.Equal(0, Auditor.AcknowledgedBookingsPresent(Inputs([uncertain], new() { [uncertain.Code] = Found(uncertain) })).Violations);
        Assert.Equal(1, Auditor.AcknowledgedBookingsPresent(Inputs([uncertain], new() { [uncertain.Code] = Found(Entry("AAA111", start: "11:00")) })).Violations);
    }

    [Fact]
    public void A_slot_holding_more_active_appointments_than_its_capacity_fails()
    {
        var roster = Roster(1, 2, OnRoster("AAA111", "1"), OnRoster("BBB222", "2"), OnRoster("CCC333", "3", "cancelled"));

        var check = Auditor.NoSlotOverCapacity(Inputs([], new(), roster));

        Assert.Equal(AuditCheck.Failed, check.Status);
        Assert.Contains("2 active appointments", check.Details[0]);
    }

    [Fact]
    public void Cancelled_appointments_do_not_count_against_capacity()
    {
        var roster = Roster(1, 1, OnRoster("AAA111", "1"), OnRoster("BBB222", "2", "cancelled"));

        Assert.Equal(AuditCheck.Passed, Auditor.NoSlotOverCapacity(Inputs([], new(), roster)).Status);
    }

    [Fact]
    public void A_roster_slot_without_capacity_takes_it_from_availability()
    {
        var roster = Roster(0, 2, OnRoster("AAA111", "1"), OnRoster("BBB222", "2"));
        var inputs = Inputs([], new(), roster) with
        {
            AvailabilityCapacities = new Dictionary<string, int> { [AuditInputs.SlotKey("lim-brena", "2026-12-01", "cpp-biometrics", "08:00")] = 2 },
        };

        Assert.Equal(AuditCheck.Passed, Auditor.NoSlotOverCapacity(inputs).Status);
    }

    [Fact]
    public void Without_an_operator_token_the_capacity_check_is_skipped_not_failed()
    {
        var result = Auditor.Audit(Inputs([], new()) with { RosterSkipReason = "no operator token" });

        Assert.True(result.Passed);
        Assert.Equal(AuditCheck.Skipped, result.Checks.Single(c => c.Name == "no-slot-over-capacity").Status);
    }

    [Fact]
    public void Two_active_appointments_for_one_applicant_and_procedure_fail()
    {
        var roster = Roster(5, 2, OnRoster("AAA111", "12345678"), OnRoster("BBB222", "12345678"));

        var check = Auditor.OneActivePerApplicant(Inputs([], new(), roster));

        Assert.Equal(1, check.Violations);
        Assert.Contains("AAA111, BBB222", check.Details[0]);
    }

    [Fact]
    public void The_same_applicant_found_twice_through_reads_also_fails()
    {
        var a = Entry("AAA111");
        var b = Entry("BBB222", date: "2026-12-09");

        var check = Auditor.OneActivePerApplicant(Inputs([a, b], new() { [a.Code] = Found(a), [b.Code] = Found(b) }));

        Assert.Equal(1, check.Violations);
    }

    [Fact]
    public void A_booking_missing_from_its_days_roster_fails()
    {
        var a = Entry("AAA111");

        var check = Auditor.RostersListBookings(Inputs([a], new() { [a.Code] = Found(a) }, Roster(2, 0)));

        Assert.Equal(1, check.Violations);
    }
}
