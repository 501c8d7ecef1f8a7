using Scheduler.Contracts;
using Scheduler.Grains.State;

namespace Scheduler.Grains.Grains;

/// <summary>One month of operator actions. An entry is answered only once it is stored.</summary>
[GrainType("audit-trail")]
public sealed class AuditTrailGrain(
    [PersistentState("auditTrail", StorageNames.Scheduler)] IPersistentState<AuditTrailState> state) : Grain, IAuditTrailGrain
{
    async Task IAuditTrailGrain.Append(AuditEntry entry)
    {
        state.State.Entries.Add(entry);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Entries.RemoveAt(state.State.Entries.Count - 1);
            throw;
        }
    }

    Task<IReadOnlyList<AuditEntry>> IAuditTrailGrain.Read(DateTimeOffset from, DateTimeOffset to) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>(state.State.Entries.Where(e => e.At >= from && e.At <= to).ToArray());

    /// <summary>The grain keys (months) that cover [from, to].</summary>
    public static IEnumerable<string> Months(DateTimeOffset from, DateTimeOffset to)
    {
        for (var month = new DateTime(from.UtcDateTime.Year, from.UtcDateTime.Month, 1); month <= to.UtcDateTime; month = month.AddMonths(1))
        {
            yield return month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
