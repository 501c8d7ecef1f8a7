using HdrHistogram;

namespace Scheduler.LoadTests.Measurement;

/// <summary>A thread-safe HdrHistogram of latencies in microseconds (1 µs to 10 min).</summary>
public sealed class LatencyHistogram(int significantDigits = 3)
{
    private const long HighestMicros = 600_000_000;
    private readonly LongHistogram _histogram = new(1, HighestMicros, significantDigits);
    private readonly Lock _gate = new();

    public void Record(double seconds)
    {
        var micros = Math.Clamp((long)Math.Round(seconds * 1_000_000), 1, HighestMicros);
        lock (_gate)
        {
            _histogram.RecordValue(micros);
        }
    }

    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _histogram.TotalCount;
            }
        }
    }

    /// <summary>Latency in milliseconds at a percentile (0 when empty).</summary>
    public double PercentileMs(double percentile)
    {
        lock (_gate)
        {
            return _histogram.TotalCount == 0 ? 0 : _histogram.GetValueAtPercentile(percentile) / 1000.0;
        }
    }

    /// <summary>The usual figures at once, in milliseconds.</summary>
    public LatencySummary Summary()
    {
        lock (_gate)
        {
            if (_histogram.TotalCount == 0)
            {
                return new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);
            }

            return new LatencySummary(
                _histogram.TotalCount,
                _histogram.GetMean() / 1000.0,
                _histogram.GetValueAtPercentile(50) / 1000.0,
                _histogram.GetValueAtPercentile(90) / 1000.0,
                _histogram.GetValueAtPercentile(99) / 1000.0,
                _histogram.GetValueAtPercentile(99.9) / 1000.0,
                _histogram.GetMaxValue() / 1000.0,
                _histogram.LowestEquivalentValue(_histogram.GetValueAtPercentile(0)) / 1000.0);
        }
    }

    /// <summary>Adds this histogram's counts into <paramref name="target"/>.</summary>
    public void AddTo(LatencyHistogram target)
    {
        LongHistogram copy;
        lock (_gate)
        {
            copy = (LongHistogram)_histogram.Copy();
        }

        lock (target._gate)
        {
            target._histogram.Add(copy);
        }
    }
}
