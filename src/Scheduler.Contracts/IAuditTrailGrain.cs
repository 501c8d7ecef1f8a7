namespace Scheduler.Contracts;

/// <summary>The operator audit trail of one UTC month (key <c>yyyy-MM</c>), append-only.</summary>
[Alias("scheduler.IAuditTrailGrain")]
public interface IAuditTrailGrain : IGrainWithStringKey
{
    [Alias("Append")]
    Task Append(AuditEntry entry);

    [Alias("Read")]
    Task<IReadOnlyList<AuditEntry>> Read(DateTimeOffset from, DateTimeOffset to);
}
