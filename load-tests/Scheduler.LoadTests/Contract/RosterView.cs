namespace Scheduler.LoadTests.Contract;

/// <summary><c>GET /api/v1/admin/offices/{officeId}/appointments?date=</c>.</summary>
public sealed record RosterView(string OfficeId, string Date, IReadOnlyList<RosterProcedure>? Procedures);
