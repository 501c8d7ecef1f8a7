namespace Scheduler.FaultTests.Infrastructure;

/// <summary>The admin roster of one office and date (GET /api/v1/admin/offices/{officeId}/appointments?date=).</summary>
public sealed record RosterView(string OfficeId, string Date, IReadOnlyList<RosterView.ProcedureRoster> Procedures)
{
    public sealed record ProcedureRoster(string Procedure, IReadOnlyList<SlotRoster> Slots);

    public sealed record SlotRoster(string Start, string End, int Capacity, int Booked, IReadOnlyList<Entry> Appointments);

    public sealed record Entry(string Code, string Start, string Status, string DocumentNumber);

    public ProcedureRoster For(string procedure) =>
        Procedures.SingleOrDefault(p => p.Procedure == procedure)
        ?? throw new InvalidOperationException($"The roster of {OfficeId} on {Date} has no procedure {procedure}.");
}
