using Scheduler.LoadTests.Audit;

namespace Scheduler.LoadTests.Tests;

/// <summary>The audit check that no document was given two seats for one procedure, in either allocation mode.</summary>
public sealed class OneSeatPerDocumentTests
{
    private static LedgerEntry Seat(string code, string number, string source = "booked", string procedure = "cpp-biometrics", LedgerStatus status = LedgerStatus.Active) => new()
    {
        Code = code,
        DocumentType = "CPP",
        DocumentNumber = number,
        Country = "VE",
        FullName = "Maria Perez",
        Procedure = procedure,
        OfficeId = "lim-brena",
        Date = "2026-12-01",
        Start = "08:00",
        BookedAtSeconds = 1,
        Status = status,
        Source = source,
    };

    private static AuditCheck Check(params LedgerEntry[] ledger) =>
        Auditor.OneSeatPerDocument(new AuditInputs { Ledger = ledger, Appointments = new Dictionary<string, FetchedAppointment>() });

    [Fact]
    public void One_seat_each_passes()
    {
        var check = Check(Seat("A1", "111"), Seat("B2", "222", source: "assigned"));

        Assert.Equal(("one-seat-per-document", AuditCheck.Passed, 2, 0), (check.Name, check.Status, check.Checked, check.Violations));
    }

    [Fact]
    public void A_document_booked_once_and_assigned_once_by_a_batch_fails_and_names_both_seats()
    {
        var check = Check(Seat("A1", "111"), Seat("C3", "111", source: "assigned"), Seat("B2", "222"));

        Assert.Equal(AuditCheck.Failed, check.Status);
        Assert.Equal(1, check.Violations);
        var detail = Assert.Single(check.Details);
        Assert.Contains("CPP:VE:111", detail, StringComparison.Ordinal);
        Assert.Contains("A1 (booked", detail, StringComparison.Ordinal);
        Assert.Contains("C3 (assigned", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_seat_the_tool_cancelled_and_a_seat_for_another_procedure_do_not_count()
    {
        var check = Check(
            Seat("A1", "111", status: LedgerStatus.Cancelled),
            Seat("C3", "111"),
            Seat("D4", "111", procedure: "cpp-card-pickup"));

        Assert.Equal(AuditCheck.Passed, check.Status);
    }

    [Fact]
    public void The_full_audit_includes_the_check()
    {
        var result = Auditor.Audit(new AuditInputs { Ledger = [], Appointments = new Dictionary<string, FetchedAppointment>() });

        Assert.Contains(result.Checks, c => c.Name == "one-seat-per-document");
    }
}
