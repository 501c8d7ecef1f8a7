using Scheduler.Contracts;

namespace Scheduler.Grains.State;

/// <summary>What an audit-trail month stores: its entries in order.</summary>
[GenerateSerializer, Alias("scheduler.AuditTrailState")]
public sealed class AuditTrailState
{
    [Id(0)]
    public List<AuditEntry> Entries { get; set; } = [];
}
