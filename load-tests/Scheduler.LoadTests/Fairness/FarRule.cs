using Scheduler.LoadTests.Geography;

namespace Scheduler.LoadTests.Fairness;

/// <summary>
/// Who counts as living far from the capital: a home farther than <see cref="FarKm"/> from the nearest of the
/// capital's offices (those of <see cref="CapitalDepartment"/>), the same rule as the scheduler's regional
/// reserves (<c>farFromCapitalKm</c>), so the tool's far shares and the reserve the scheduler holds mean one thing.
/// </summary>
public sealed class FarRule
{
    /// <summary>The department whose offices are the capital's.</summary>
    public const string CapitalDepartment = "Lima";

    private readonly GeoPoint[] _capital;

    public FarRule(IEnumerable<OfficeSite> offices, double farKm)
    {
        if (!(farKm > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(farKm), farKm, "the distance must be positive");
        }

        _capital = offices
            .Where(o => string.Equals(o.Department, CapitalDepartment, StringComparison.OrdinalIgnoreCase))
            .Select(o => o.Location)
            .ToArray();
        if (_capital.Length == 0)
        {
            throw new ArgumentException($"no office of {CapitalDepartment} among the offices", nameof(offices));
        }

        FarKm = farKm;
    }

    public double FarKm { get; }

    /// <summary>Distance from <paramref name="home"/> to the nearest capital office, km.</summary>
    public double DistanceToCapitalKm(GeoPoint home)
    {
        var nearest = double.PositiveInfinity;
        foreach (var office in _capital)
        {
            nearest = Math.Min(nearest, home.DistanceKm(office));
        }

        return nearest;
    }

    public bool IsFar(GeoPoint home) => DistanceToCapitalKm(home) > FarKm;

    /// <summary>
    /// The share of demand (by <see cref="OfficeSite.DemandShare"/>) around offices that are far by this rule:
    /// what the batch scenario reserves. Homes scatter a few km around their office, far less than the rule's
    /// distance, so the office's side of the line is its applicants' side.
    /// </summary>
    public double FarDemandShare(IEnumerable<OfficeSite> offices)
    {
        var all = offices.Where(o => o.DemandShare > 0).ToList();
        var total = all.Sum(o => o.DemandShare);
        return total > 0 ? all.Where(o => IsFar(o.Location)).Sum(o => o.DemandShare) / total : 0;
    }
}
