using Scheduler.Domain;

namespace Scheduler.Domain.Tests;

public class GeoPointTests
{
    [Fact]
    public void Lima_to_Arequipa_is_about_765_km_as_the_crow_flies()
    {
        var lima = new GeoPoint(-12.0586, -77.0496);
        var arequipa = new GeoPoint(-16.3989, -71.535);

        Assert.InRange(lima.DistanceKmTo(arequipa), 750, 780);
        Assert.Equal(0, lima.DistanceKmTo(lima), 6);
    }

    [Theory]
    [InlineData("-12.05,-77.04", true)]
    [InlineData("91,0", false)]
    [InlineData("0,181", false)]
    [InlineData("-12.05", false)]
    [InlineData("a,b", false)]
    [InlineData("NaN,0", false)]
    public void Points_are_parsed_from_lat_comma_lon(string text, bool valid)
    {
        Assert.Equal(valid, GeoPoint.TryParse(text, out _));
    }
}
