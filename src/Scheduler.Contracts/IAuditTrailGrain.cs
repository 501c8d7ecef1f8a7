namespace Scheduler.Contracts;

/// <summary>
/// The operator audit trail of one UTC month (key <c>yyyy-MM</c>), read-only: every entry is the record of an
/// operation (capacity change, closure, transfer), stored by the operation itself before its change.
/// </summary>
[Alias("scheduler.IAuditTrailGrain")]
public interface IAuditTrailGrain : IGrainWithStringKey
{
    [Alias("Read")]
    Task<IReadOnlyList<AuditEntry>> Read(DateTimeOffset from, DateTimeOffset to);
}
