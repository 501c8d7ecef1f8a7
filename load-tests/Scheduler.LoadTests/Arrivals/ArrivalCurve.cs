using Scheduler.LoadTests.Scenarios;

namespace Scheduler.LoadTests.Arrivals;

/// <summary>
/// A piecewise-linear arrival rate λ(t) and its integral Λ(t), the expected number of arrivals by t.
/// Open-model arrivals are placed by inverting Λ: the k-th arrival comes when Λ reaches k.
/// </summary>
public sealed class ArrivalCurve
{
    private readonly double[] _at;
    private readonly double[] _rate;
    private readonly double[] _cumulative;

    public ArrivalCurve(IReadOnlyList<RatePoint> points, double durationSeconds)
    {
        if (points.Count == 0)
        {
            throw new ArgumentException("an arrival curve needs at least one point", nameof(points));
        }

        DurationSeconds = durationSeconds;

        // Extend the curve flat to 0 and to the end so every instant of the run has a rate.
        var corners = new List<RatePoint>();
        if (points[0].AtSeconds > 0)
        {
            corners.Add(new RatePoint(0, points[0].PerSecond));
        }

        corners.AddRange(points);
        if (points[^1].AtSeconds < durationSeconds)
        {
            corners.Add(new RatePoint(durationSeconds, points[^1].PerSecond));
        }

        _at = corners.Select(c => c.AtSeconds).ToArray();
        _rate = corners.Select(c => c.PerSecond).ToArray();
        _cumulative = new double[_at.Length];
        for (var i = 1; i < _at.Length; i++)
        {
            _cumulative[i] = _cumulative[i - 1] + ((_rate[i - 1] + _rate[i]) / 2 * (_at[i] - _at[i - 1]));
        }
    }

    public double DurationSeconds { get; }

    /// <summary>Expected arrivals over the whole run.</summary>
    public double ExpectedTotal => Cumulative(DurationSeconds);

    /// <summary>λ(t): arrivals per second at <paramref name="t"/> (on a step, the rate after it).</summary>
    public double RateAt(double t)
    {
        if (t <= _at[0])
        {
            return _rate[0];
        }

        for (var i = _at.Length - 1; i > 0; i--)
        {
            if (t >= _at[i])
            {
                return _rate[i];
            }

            if (t >= _at[i - 1] && _at[i] > _at[i - 1])
            {
                var f = (t - _at[i - 1]) / (_at[i] - _at[i - 1]);
                return _rate[i - 1] + (f * (_rate[i] - _rate[i - 1]));
            }
        }

        return _rate[^1];
    }

    /// <summary>Λ(t): expected arrivals in [0, t].</summary>
    public double Cumulative(double t)
    {
        t = Math.Clamp(t, 0, DurationSeconds);
        for (var i = 1; i < _at.Length; i++)
        {
            if (t <= _at[i])
            {
                var dt = t - _at[i - 1];
                var width = _at[i] - _at[i - 1];
                if (width <= 0)
                {
                    return _cumulative[i - 1];
                }

                var slope = (_rate[i] - _rate[i - 1]) / width;
                return _cumulative[i - 1] + (_rate[i - 1] * dt) + (slope * dt * dt / 2);
            }
        }

        return _cumulative[^1];
    }

    /// <summary>The instant t at which Λ(t) = <paramref name="arrivals"/>, or null past the end of the run.</summary>
    public double? InverseCumulative(double arrivals)
    {
        if (arrivals < 0)
        {
            return 0;
        }

        for (var i = 1; i < _at.Length; i++)
        {
            if (arrivals > _cumulative[i])
            {
                continue;
            }

            var width = _at[i] - _at[i - 1];
            if (width <= 0)
            {
                continue;
            }

            var need = arrivals - _cumulative[i - 1];
            var r0 = _rate[i - 1];
            var slope = (_rate[i] - r0) / width;

            // Solve r0·x + slope·x²/2 = need for x in [0, width]; this form stays exact when slope → 0.
            var root = Math.Sqrt(Math.Max(0, (r0 * r0) + (2 * slope * need)));
            var denominator = r0 + root;
            var x = denominator > 0 ? 2 * need / denominator : 0;
            return _at[i - 1] + Math.Clamp(x, 0, width);
        }

        return null;
    }
}
