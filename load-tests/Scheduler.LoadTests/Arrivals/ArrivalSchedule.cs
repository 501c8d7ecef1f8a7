namespace Scheduler.LoadTests.Arrivals;

/// <summary>
/// When each virtual applicant arrives, fixed before the run starts so that arrivals never wait for the
/// server (an open model).
/// </summary>
public static class ArrivalSchedule
{
    /// <summary>
    /// Arrival instants in seconds from the start, ascending. <c>uniform</c> spaces them evenly in Λ;
    /// <c>poisson</c> draws exponential gaps in Λ, which is an inhomogeneous Poisson process in time.
    /// </summary>
    public static double[] Generate(ArrivalCurve curve, string process, Random random)
    {
        var times = new List<double>((int)Math.Min(int.MaxValue / 2, Math.Ceiling(curve.ExpectedTotal * 1.1) + 16));
        var total = curve.ExpectedTotal;
        if (process == "uniform")
        {
            for (var k = 0; k + 0.5 <= total; k++)
            {
                if (curve.InverseCumulative(k + 0.5) is { } t)
                {
                    times.Add(t);
                }
            }

            return [.. times];
        }

        var level = 0.0;
        while (true)
        {
            level += -Math.Log(1 - random.NextDouble());
            if (level > total || curve.InverseCumulative(level) is not { } t)
            {
                break;
            }

            times.Add(t);
        }

        return [.. times];
    }

    /// <summary>How many scheduled arrivals fall in each whole second of the run.</summary>
    public static int[] PerSecond(IReadOnlyList<double> arrivals, double durationSeconds)
    {
        var buckets = new int[Math.Max(1, (int)Math.Ceiling(durationSeconds))];
        foreach (var t in arrivals)
        {
            buckets[Math.Clamp((int)t, 0, buckets.Length - 1)]++;
        }

        return buckets;
    }
}
