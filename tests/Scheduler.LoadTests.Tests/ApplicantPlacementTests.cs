using Scheduler.LoadTests.Applicants;
using Scheduler.LoadTests.Geography;
using Scheduler.LoadTests.Scenarios;

namespace Scheduler.LoadTests.Tests;

public sealed class ApplicantPlacementTests
{
    private static readonly OfficeCatalog Catalog = OfficeCatalog.LoadShipped();

    [Fact]
    public void The_shipped_catalog_has_the_peru_offices_with_shares_summing_to_100()
    {
        Assert.Equal(27, Catalog.Offices.Count);
        Assert.Equal(100, Catalog.Offices.Sum(o => o.DemandShare), 1);
        Assert.NotNull(Catalog.Find("lim-brena"));
    }

    [Fact]
    public void Offices_are_picked_in_proportion_to_their_demand_share()
    {
        var placer = new ApplicantPlacer(Catalog.Offices, new ApplicantBehaviour().ScatterKm);
        var random = new Random(5);
        const int draws = 200_000;
        var counts = Enumerable.Range(0, draws).Select(_ => placer.PickOffice(random).Id).CountBy(id => id).ToDictionary();

        foreach (var office in Catalog.Offices)
        {
            var expected = office.DemandShare / 100 * draws;
            var observed = counts.GetValueOrDefault(office.Id);

            // Five binomial standard deviations, plus a little for the tiny shares.
            var tolerance = (5 * Math.Sqrt(expected)) + 5;
            Assert.InRange(observed, expected - tolerance, expected + tolerance);
        }
    }

    [Fact]
    public void Homes_scatter_a_few_km_around_lima_offices_and_wider_in_the_regions()
    {
        var placer = new ApplicantPlacer(Catalog.Offices, new Dictionary<string, double> { ["Lima"] = 4, ["default"] = 15 });
        var random = new Random(11);
        var distances = Enumerable.Range(0, 50_000).Select(_ => placer.Place(random)).Select(p => (p.Office.Department, Km: p.Home.DistanceKm(p.Office.Location))).ToList();

        // Distance of a 2-D normal offset is Rayleigh-distributed: mean σ·√(π/2).
        var lima = distances.Where(d => d.Department == "Lima").Average(d => d.Km);
        var regions = distances.Where(d => d.Department is not ("Lima" or "Callao")).Average(d => d.Km);
        Assert.InRange(lima, 4 * 1.2533 * 0.95, 4 * 1.2533 * 1.05);
        Assert.InRange(regions, 15 * 1.2533 * 0.9, 15 * 1.2533 * 1.1);
    }

    [Fact]
    public void Scatter_falls_back_to_the_default_and_ignores_case()
    {
        var placer = new ApplicantPlacer(Catalog.Offices, new Dictionary<string, double> { ["lima"] = 3, ["Default"] = 20 });

        Assert.Equal(3, placer.ScatterFor("Lima"));
        Assert.Equal(20, placer.ScatterFor("Cusco"));
    }

    [Fact]
    public void Applicants_get_valid_unique_documents_and_mostly_venezuelan_nationality()
    {
        var behaviour = new ApplicantBehaviour();
        var factory = new ApplicantFactory(new ApplicantPlacer(Catalog.Offices, behaviour.ScatterKm), behaviour, 3);
        var applicants = Enumerable.Range(0, 20_000).Select(_ => factory.Next()).ToList();

        Assert.All(applicants, a =>
        {
            Assert.InRange(a.DocumentNumber.Length, 8, 12);
            Assert.True(a.DocumentNumber.All(char.IsAsciiDigit));
            Assert.Contains(a.DocumentType, new[] { "CE", "PASSPORT", "PTP", "CPP" });
            Assert.False(string.IsNullOrWhiteSpace(a.FullName));
        });
        Assert.Equal(applicants.Count, applicants.Select(a => a.DocumentNumber).Distinct().Count());
        Assert.InRange(applicants.Count(a => a.Country == "VE") / (double)applicants.Count, 0.88, 0.96);
        Assert.Equal(Enumerable.Range(1, applicants.Count), applicants.Select(a => a.Id));
    }

    [Fact]
    public void Distances_are_great_circle_km()
    {
        var lima = new GeoPoint(-12.0586, -77.0496);
        var arequipa = new GeoPoint(-16.3989, -71.535);

        Assert.InRange(lima.DistanceKm(arequipa), 760, 780);
        Assert.InRange(lima.DistanceKm(lima.Offset(3, 4)), 4.95, 5.05);
    }
}
