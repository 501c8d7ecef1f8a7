namespace Scheduler.Api.Models;

/// <summary>A procedure on offer.</summary>
public sealed record ProcedureResponse(string Id, string Name, int SlotMinutes, string? BookingDeadline);
