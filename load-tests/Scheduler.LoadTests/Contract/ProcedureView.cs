namespace Scheduler.LoadTests.Contract;

/// <summary><c>GET /api/v1/procedures</c> item.</summary>
public sealed record ProcedureView(string Id, string Name, int SlotMinutes, string? BookingDeadline);
