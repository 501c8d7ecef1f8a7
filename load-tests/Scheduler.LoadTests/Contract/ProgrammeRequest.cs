namespace Scheduler.LoadTests.Contract;

/// <summary><c>PUT /api/v1/admin/procedures/{procedureId}/programme</c> body (operator): the programme's legal deadline (ISO 8601 instant).</summary>
public sealed record ProgrammeRequest(string Deadline, string? Reason);
