using Orleans.Concurrency;

namespace Scheduler.Contracts;

/// <summary>The procedures on offer and the offices that exist (key 0). Read often, written when seeding.</summary>
[Alias("scheduler.ICatalogGrain")]
public interface ICatalogGrain : IGrainWithIntegerKey
{
    [Alias("GetProcedures"), AlwaysInterleave]
    Task<IReadOnlyList<Procedure>> GetProcedures();

    [Alias("GetOffices"), AlwaysInterleave]
    Task<IReadOnlyList<OfficeSummary>> GetOffices();

    [Alias("Register")]
    Task Register(IReadOnlyList<Procedure> procedures, IReadOnlyList<OfficeSummary> offices);
}
