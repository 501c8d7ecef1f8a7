namespace Scheduler.LoadTests.Geography;

/// <summary>A place on Earth in decimal degrees.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    private const double EarthRadiusKm = 6371.0088;
    private const double KmPerDegreeLatitude = 111.32;

    /// <summary>Great-circle (haversine) distance in km.</summary>
    public double DistanceKm(GeoPoint other)
    {
        var dLat = ToRadians(other.Latitude - Latitude);
        var dLon = ToRadians(other.Longitude - Longitude);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
              + (Math.Cos(ToRadians(Latitude)) * Math.Cos(ToRadians(other.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>The point <paramref name="northKm"/> north and <paramref name="eastKm"/> east of this one (flat-earth approximation, fine for tens of km).</summary>
    public GeoPoint Offset(double northKm, double eastKm)
    {
        var latitude = Latitude + (northKm / KmPerDegreeLatitude);
        var longitude = Longitude + (eastKm / (KmPerDegreeLatitude * Math.Max(0.01, Math.Cos(ToRadians(Latitude)))));
        return new GeoPoint(Math.Clamp(latitude, -89.9, 89.9), longitude);
    }

    /// <summary>The form the API's <c>near</c> parameter takes.</summary>
    public string ToQuery() => FormattableString.Invariant($"{Latitude:0.#####},{Longitude:0.#####}");

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
}
