namespace Scheduler.Api.Models;

/// <summary>One operator action in the audit trail.</summary>
public sealed record AuditEntryResponse(DateTimeOffset At, string Actor, string Action, string Target, string Detail, string? Reason);
