namespace Scheduler.Contracts;

/// <summary>One operator action: who did what to which office, when, and why.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.AuditEntry")]
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Target, string Detail, string? Reason);
