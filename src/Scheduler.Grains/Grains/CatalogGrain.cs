using Scheduler.Contracts;
using Scheduler.Grains.State;

namespace Scheduler.Grains.Grains;

/// <summary>Procedures and office summaries (one instance, key 0).</summary>
[GrainType("catalog")]
public sealed class CatalogGrain(
    [PersistentState("catalog", StorageNames.Scheduler)] IPersistentState<CatalogState> state) : Grain, ICatalogGrain
{
    Task<IReadOnlyList<Procedure>> ICatalogGrain.GetProcedures() => Task.FromResult<IReadOnlyList<Procedure>>(state.State.Procedures);

    Task<IReadOnlyList<OfficeSummary>> ICatalogGrain.GetOffices() => Task.FromResult<IReadOnlyList<OfficeSummary>>(state.State.Offices);

    async Task ICatalogGrain.Register(IReadOnlyList<Procedure> procedures, IReadOnlyList<OfficeSummary> offices)
    {
        var byId = state.State.Offices.ToDictionary(o => o.Id);
        foreach (var office in offices)
        {
            byId.TryAdd(office.Id, office);
        }

        var procedureById = state.State.Procedures.ToDictionary(p => p.Id);
        foreach (var procedure in procedures)
        {
            procedureById.TryAdd(procedure.Id, procedure);
        }

        if (byId.Count == state.State.Offices.Count && procedureById.Count == state.State.Procedures.Count && state.RecordExists)
        {
            return;
        }

        state.State = new CatalogState
        {
            Procedures = [.. procedureById.Values.OrderBy(p => p.Id, StringComparer.Ordinal)],
            Offices = [.. byId.Values.OrderBy(o => o.Id, StringComparer.Ordinal)],
        };
        await state.WriteStateAsync();
    }
}
