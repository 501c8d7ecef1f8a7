namespace Scheduler.LoadTests.Geography;

/// <summary>
/// Puts an applicant's home near an office, picking the office in proportion to its demand share and
/// scattering the home with a normal offset whose spread depends on the department (dense Lima
/// districts: a few km; regions: wider).
/// </summary>
public sealed class ApplicantPlacer
{
    private readonly OfficeSite[] _offices;
    private readonly double[] _cumulativeShare;
    private readonly IReadOnlyDictionary<string, double> _scatterKm;

    public ApplicantPlacer(IReadOnlyList<OfficeSite> offices, IReadOnlyDictionary<string, double> scatterKm)
    {
        _offices = offices.Where(o => o.DemandShare > 0).ToArray();
        if (_offices.Length == 0)
        {
            throw new ArgumentException("no office has a positive demand share", nameof(offices));
        }

        _cumulativeShare = new double[_offices.Length];
        var sum = 0.0;
        for (var i = 0; i < _offices.Length; i++)
        {
            sum += _offices[i].DemandShare;
            _cumulativeShare[i] = sum;
        }

        _scatterKm = scatterKm;
    }

    /// <summary>The office an applicant lives around, drawn by demand share.</summary>
    public OfficeSite PickOffice(Random random)
    {
        var target = random.NextDouble() * _cumulativeShare[^1];
        var index = Array.BinarySearch(_cumulativeShare, target);
        index = index >= 0 ? index + 1 : ~index;
        return _offices[Math.Min(index, _offices.Length - 1)];
    }

    /// <summary>Spread (standard deviation, km) of homes around an office in <paramref name="department"/>.</summary>
    public double ScatterFor(string department)
    {
        foreach (var (key, value) in _scatterKm)
        {
            if (string.Equals(key, department, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        foreach (var (key, value) in _scatterKm)
        {
            if (string.Equals(key, "default", StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return 10;
    }

    /// <summary>A home: the office it was drawn around and a scattered point near it.</summary>
    public (OfficeSite Office, GeoPoint Home) Place(Random random)
    {
        var office = PickOffice(random);
        var sigma = ScatterFor(office.Department);
        var home = office.Location.Offset(RandomSampling.Normal(random) * sigma, RandomSampling.Normal(random) * sigma);
        return (office, home);
    }
}
