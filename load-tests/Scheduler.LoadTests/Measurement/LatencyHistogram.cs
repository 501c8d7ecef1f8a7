using HdrHistogram;

namespace Scheduler.LoadTests.Measurement;

/// <summary>
/// A thread-safe HdrHistogram of latencies in microseconds (1 µs to 10 min). Recording goes to one of
/// a few stripes chosen by the processor the caller runs on, each with its own lock, so threads on
/// different cores never contend (a per-core recorder); reading merges the stripes.
/// </summary>
public sealed class LatencyHistogram
{
    private const long HighestMicros = 600_000_000;
    private static readonly int StripeCount = Math.Clamp(Environment.ProcessorCount, 1, 8);
    private readonly Stripe[] _stripes;
    private readonly int _significantDigits;

    public LatencyHistogram(int significantDigits = 3)
    {
        _significantDigits = significantDigits;
        _stripes = new Stripe[StripeCount];
        for (var i = 0; i < _stripes.Length; i++)
        {
            _stripes[i] = new Stripe(new LongHistogram(1, HighestMicros, significantDigits));
        }
    }

    public void Record(double seconds)
    {
        var micros = Math.Clamp((long)Math.Round(seconds * 1_000_000), 1, HighestMicros);
        var stripe = _stripes[(uint)Thread.GetCurrentProcessorId() % (uint)_stripes.Length];
        lock (stripe.Gate)
        {
            stripe.Histogram.RecordValue(micros);
        }
    }

    public long Count
    {
        get
        {
            long total = 0;
            foreach (var stripe in _stripes)
            {
                lock (stripe.Gate)
                {
                    total += stripe.Histogram.TotalCount;
                }
            }

            return total;
        }
    }

    /// <summary>Latency in milliseconds at a percentile (0 when empty).</summary>
    public double PercentileMs(double percentile)
    {
        var merged = Merged();
        return merged.TotalCount == 0 ? 0 : merged.GetValueAtPercentile(percentile) / 1000.0;
    }

    /// <summary>The usual figures at once, in milliseconds.</summary>
    public LatencySummary Summary()
    {
        var h = Merged();
        if (h.TotalCount == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);
        }

        return new LatencySummary(
            h.TotalCount,
            h.GetMean() / 1000.0,
            h.GetValueAtPercentile(50) / 1000.0,
            h.GetValueAtPercentile(90) / 1000.0,
            h.GetValueAtPercentile(99) / 1000.0,
            h.GetValueAtPercentile(99.9) / 1000.0,
            h.GetMaxValue() / 1000.0,
            h.LowestEquivalentValue(h.GetValueAtPercentile(0)) / 1000.0);
    }

    /// <summary>Adds this histogram's counts into <paramref name="target"/>.</summary>
    public void AddTo(LatencyHistogram target)
    {
        var merged = Merged();
        var stripe = target._stripes[0];
        lock (stripe.Gate)
        {
            stripe.Histogram.Add(merged);
        }
    }

    private LongHistogram Merged()
    {
        var merged = new LongHistogram(1, HighestMicros, _significantDigits);
        foreach (var stripe in _stripes)
        {
            lock (stripe.Gate)
            {
                if (stripe.Histogram.TotalCount > 0)
                {
                    merged.Add(stripe.Histogram);
                }
            }
        }

        return merged;
    }

    private sealed class Stripe(LongHistogram histogram)
    {
        public Lock Gate { get; } = new();

        public LongHistogram Histogram { get; } = histogram;
    }
}
