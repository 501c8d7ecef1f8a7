namespace Scheduler.LoadTests.Measurement;

/// <summary>What happened during one second of the run. Mutated only under the recorder's lock.</summary>
public sealed class TimelineSecond(int second)
{
    public int Second { get; } = second;
    public int Offered { get; set; }
    public int Launched { get; set; }
    public int Dropped { get; set; }
    public int Finished { get; set; }
    public int Requests { get; set; }
    public int Bookings { get; set; }

    /// <summary>Requests completed in this second by "kind/outcome".</summary>
    public Dictionary<string, int> Outcomes { get; } = [];

    /// <summary>Latency of every request completed in this second.</summary>
    public LatencyHistogram Latency { get; } = new(2);
}
