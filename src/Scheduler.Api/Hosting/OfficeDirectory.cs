using Scheduler.Contracts;
using Scheduler.Domain;

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

    /// <summary>Today where the offices are (the catalogue's offices share one time zone); the UTC date before it is seeded.</summary>
    public async ValueTask<DateOnly> TodayAsync(CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken)).Offices is [var first, ..]
            ? clock.At(first.TimeZone).Today
            : DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async ValueTask<Procedure?> ProcedureAsync(string id, CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken)).Procedures.FirstOrDefault(p => p.Id == id);

    /// <summary>Offices serving <paramref name="procedure"/> (all when null), nearest first from <paramref name="near"/>.</summary>
    public async ValueTask<IReadOnlyList<(OfficeSummary Office, double? DistanceKm)>> SearchAsync(
        string? procedure, GeoPoint? near, CancellationToken cancellationToken)
    {
        var offices = (await GetAsync(cancellationToken)).Offices
            .Where(o => procedure is null || o.Procedures.Contains(procedure))
            .Select(o => (Office: o, DistanceKm: near is { } point ? DistanceKm(point, o) : (double?)null));
        return near is null ? offices.ToArray() : offices.OrderBy(o => o.DistanceKm).ToArray();
    }

    /// <summary>
    /// The offices offering <paramref name="procedure"/> within <paramref name="radiusKm"/> of
    /// <paramref name="point"/>, nearest first (ties in catalogue order), as <see cref="SearchAsync"/>
    /// would list them. Built for the earliest-slot search, which runs on every applicant's first
    /// request: one array per call, nothing else.
    /// </summary>
    public async ValueTask<OfficeInReach[]> InReachAsync(string procedure, GeoPoint point, double radiusKm, CancellationToken cancellationToken)
    {
        var offering = (await GetAsync(cancellationToken)).Offering(procedure);
        Span<double> distances = offering.Length <= 256 ? stackalloc double[offering.Length] : new double[offering.Length];
        var count = 0;
        for (var i = 0; i < offering.Length; i++)
        {
            distances[i] = DistanceKm(point, offering[i]);
            if (distances[i] <= radiusKm)
            {
                count++;
            }
        }

        var inReach = new OfficeInReach[count];
        var n = 0;
        for (var i = 0; i < offering.Length; i++)
        {
            if (distances[i] > radiusKm)
            {
                continue;
            }

            // Insertion keeps equal distances in catalogue order (a stable sort; a few dozen offices at most).
            var at = n++;
            while (at > 0 && inReach[at - 1].DistanceKm > distances[i])
            {
                inReach[at] = inReach[at - 1];
                at--;
            }

            inReach[at] = new OfficeInReach(offering[i], distances[i]);
        }

        return inReach;
    }

    /// <summary>Kilometres from a point to an office, rounded to 0.1 as every answer gives them.</summary>
    private static double DistanceKm(GeoPoint point, OfficeSummary office) =>
        Math.Round(point.DistanceKmTo(new GeoPoint(office.Latitude, office.Longitude)), 1);

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
        IReadOnlyList<Procedure> Procedures, IReadOnlyList<OfficeSummary> Offices, IReadOnlyDictionary<string, OfficeSummary> ById, DateTimeOffset LoadedAt)
    {
        private readonly Dictionary<string, OfficeSummary[]> offering = Procedures.ToDictionary(
            p => p.Id, p => Offices.Where(o => o.Procedures.Contains(p.Id)).ToArray(), StringComparer.Ordinal);

        /// <summary>The offices offering a procedure, in catalogue order (none for an unknown procedure).</summary>
        public OfficeSummary[] Offering(string procedure) => offering.GetValueOrDefault(procedure) ?? [];
    }
}
