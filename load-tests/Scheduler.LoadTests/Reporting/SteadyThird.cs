namespace Scheduler.LoadTests.Reporting;

/// <summary>
/// One third of the steady window, by whole seconds <see cref="FromSecond"/> (inclusive) to
/// <see cref="ToSecond"/> (exclusive): arrivals offered, and booking answers completed in it, per second.
/// Comparing the first with the last shows whether bookings slowed down as the days filled.
/// </summary>
public sealed record SteadyThird(int FromSecond, int ToSecond, double OfferedPerSecond, double BookedPerSecond, double RefusedPerSecond)
{
    /// <summary>
    /// The steady window [<paramref name="firstSecond"/>, <paramref name="lastSecond"/>) cut into three parts
    /// as equal as whole seconds allow (the remainder goes to the later ones).
    /// </summary>
    public static IReadOnlyList<SteadyThird> Of(IReadOnlyList<SecondSummary> timeline, int firstSecond, int lastSecond)
    {
        var length = Math.Max(0, lastSecond - firstSecond);
        var bounds = Enumerable.Range(0, 4).Select(k => firstSecond + (int)Math.Round(k * length / 3.0, MidpointRounding.AwayFromZero)).ToArray();
        var thirds = new List<SteadyThird>(3);
        for (var k = 0; k < 3; k++)
        {
            var (from, to) = (bounds[k], bounds[k + 1]);
            var seconds = to - from;
            var part = timeline.Where(t => t.Second >= from && t.Second < to).ToList();
            double PerSecond(Func<SecondSummary, long> count) => seconds > 0 ? part.Sum(count) / (double)seconds : 0;
            thirds.Add(new SteadyThird(from, to, PerSecond(t => t.Offered), PerSecond(BookingFigures.BookedIn), PerSecond(BookingFigures.RefusedIn)));
        }

        return thirds;
    }
}
