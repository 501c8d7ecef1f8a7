using Scheduler.Contracts;

namespace Scheduler.Grains.State;

/// <summary>What the catalog stores: procedures and office summaries.</summary>
[GenerateSerializer, Alias("scheduler.CatalogState")]
public sealed class CatalogState
{
    [Id(0)]
    public List<Procedure> Procedures { get; set; } = [];

    [Id(1)]
    public List<OfficeSummary> Offices { get; set; } = [];
}
