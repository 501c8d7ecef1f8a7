using Scheduler.Contracts;
using Scheduler.Grains.Domain;

namespace Scheduler.Api.Hosting;

/// <summary>
/// The catalogue (procedures, office locations) held in the front door's memory, refreshed from the
/// catalog grain every few seconds, so searches by distance need no grain call to list offices.
/// </summary>
public sealed class OfficeDirectory(IGrainFactory grains, TimeProvider clock)
{
    private static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim refresh = new(1, 1);
    private Snapshot? current;

    public async ValueTask<IReadOnlyList<Procedure>> ProceduresAsync(CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken)).Procedures;

    public async ValueTask<IReadOnlyList<OfficeSummary>> OfficesAsync(CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken)).Offices;

    public async ValueTask<OfficeSummary?> OfficeAsync(string id, CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken)).ById.GetValueOrDefault(id);

    public async ValueTask<Procedure?> ProcedureAsync(string id, CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken)).Procedures.FirstOrDefault(p => p.Id == id);

    /// <summary>Offices serving <paramref name="procedure"/> (all when null), nearest first from <paramref name="near"/>.</summary>
    public async ValueTask<IReadOnlyList<(OfficeSummary Office, double? DistanceKm)>> SearchAsync(
        string? procedure, GeoPoint? near, CancellationToken cancellationToken)
    {
        var offices = (await GetAsync(cancellationToken)).Offices
            .Where(o => procedure is null || o.Procedures.Contains(procedure))
            .Select(o => (Office: o, DistanceKm: near is { } point ? Math.Round(point.DistanceKmTo(new GeoPoint(o.Latitude, o.Longitude)), 1) : (double?)null));
        return near is null ? offices.ToArray() : offices.OrderBy(o => o.DistanceKm).ToArray();
    }

    private async ValueTask<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = current;
        if (snapshot is not null && clock.GetUtcNow() - snapshot.LoadedAt < RefreshAfter)
        {
            return snapshot;
        }

        await refresh.WaitAsync(cancellationToken);
        try
        {
            if (current is { } fresh && clock.GetUtcNow() - fresh.LoadedAt < RefreshAfter)
            {
                return fresh;
            }

            var catalog = grains.GetGrain<ICatalogGrain>(0);
            var procedures = await catalog.GetProcedures();
            var offices = await catalog.GetOffices();
            current = new Snapshot(procedures, offices, offices.ToDictionary(o => o.Id), clock.GetUtcNow());
            return current;
        }
        finally
        {
            refresh.Release();
        }
    }

    private sealed record Snapshot(
        IReadOnlyList<Procedure> Procedures, IReadOnlyList<OfficeSummary> Offices, IReadOnlyDictionary<string, OfficeSummary> ById, DateTimeOffset LoadedAt);
}
