namespace Scheduler.LoadTests.Contract;

/// <summary><c>PUT /api/v1/admin/offices/{officeId}/capacity</c> body (operator).</summary>
public sealed record CapacityRequest(
    string Procedure, string From, string To, string[]? Weekdays, string? Open, string? Close, int Counters, string? Reason, bool Relocate);
