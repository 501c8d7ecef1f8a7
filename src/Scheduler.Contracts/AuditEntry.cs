namespace Scheduler.Contracts;

/// <summary>One operator action: who did what to which office, when, and why.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.AuditEntry")]
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Target, string Detail, string? Reason)
{
    /// <summary>The operation this entry records (its Idempotency-Key or transfer id); null for entries of earlier releases read as they were.</summary>
    [Id(10)]
    public string? OperationId { get; init; }

    /// <summary><c>completed</c>, or <c>in-progress</c> while (or if) the change has not finished.</summary>
    [Id(11)]
    public string Status { get; init; } = "completed";
}
