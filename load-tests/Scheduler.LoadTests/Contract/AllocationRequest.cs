namespace Scheduler.LoadTests.Contract;

/// <summary><c>PUT /api/v1/admin/procedures/{procedureId}/allocation</c> body (operator).</summary>
public sealed record AllocationRequest(string Mode, int? CadenceMinutes, bool? Force, string? Reason);
