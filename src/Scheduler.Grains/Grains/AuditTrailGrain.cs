using Orleans.Concurrency;
using Scheduler.Contracts;
using Scheduler.Grains.State;
using Scheduler.Storage;

namespace Scheduler.Grains.Grains;

/// <summary>
/// One month of operator actions, read from the operations table (<see cref="OperationLog"/>): each operation's
/// row is written before its change, so the trail needs no write of its own. Earlier releases kept a month as one
/// grain state rewritten whole on every append; such a state is copied into rows once, on activation, then cleared.
/// </summary>
[GrainType("audit-trail")]
[Reentrant]
public sealed class AuditTrailGrain(
    [PersistentState("auditTrail", StorageNames.Scheduler)] IPersistentState<AuditTrailState> legacy,
    OperationLog operations) : Grain, IAuditTrailGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (legacy.State.Entries.Count > 0)
        {
            await operations.ImportAsync(this.GetPrimaryKeyString(), legacy.State.Entries, cancellationToken);
            await legacy.ClearStateAsync();
        }
    }

    async Task<IReadOnlyList<AuditEntry>> IAuditTrailGrain.Read(DateTimeOffset from, DateTimeOffset to)
    {
        // This grain answers for its own month only: the front door asks every month of the range.
        var month = DateTime.ParseExact(this.GetPrimaryKeyString(), "yyyy-MM", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal);
        var first = new DateTimeOffset(month, TimeSpan.Zero);
        var last = first.AddMonths(1).AddTicks(-1);
        return await operations.AuditAsync(from > first ? from : first, to < last ? to : last);
    }

    /// <summary>The grain keys (months) that cover [from, to].</summary>
    public static IEnumerable<string> Months(DateTimeOffset from, DateTimeOffset to)
    {
        for (var month = new DateTime(from.UtcDateTime.Year, from.UtcDateTime.Month, 1); month <= to.UtcDateTime; month = month.AddMonths(1))
        {
            yield return month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
