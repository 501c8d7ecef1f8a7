namespace Scheduler.LoadTests.Geography;

/// <summary>Draws from distributions that <see cref="Random"/> does not offer.</summary>
public static class RandomSampling
{
    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double Normal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>A key drawn in proportion to its weight.</summary>
    public static string Weighted(Random random, IReadOnlyDictionary<string, double> weights)
    {
        var total = weights.Values.Where(w => w > 0).Sum();
        var target = random.NextDouble() * total;
        string? last = null;
        foreach (var (key, weight) in weights)
        {
            if (weight <= 0)
            {
                continue;
            }

            last = key;
            target -= weight;
            if (target < 0)
            {
                return key;
            }
        }

        return last ?? throw new ArgumentException("no positive weight", nameof(weights));
    }
}
