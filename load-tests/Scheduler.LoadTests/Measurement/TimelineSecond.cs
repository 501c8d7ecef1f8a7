using Scheduler.LoadTests.Http;

namespace Scheduler.LoadTests.Measurement;

/// <summary>What happened during one second of the run. Counters are updated with interlocked operations.</summary>
public sealed class TimelineSecond(int second)
{
    private static readonly int OutcomeCount = CallOutcome.All.Length;
    private readonly int[] _requests = new int[RequestKindNames.All.Count * OutcomeCount];
    internal int _offered;
    internal int _launched;
    internal int _dropped;
    internal int _finished;
    internal int _requestCount;
    internal int _bookings;

    public int Second { get; } = second;
    public int Offered => Volatile.Read(ref _offered);
    public int Launched => Volatile.Read(ref _launched);
    public int Dropped => Volatile.Read(ref _dropped);
    public int Finished => Volatile.Read(ref _finished);
    public int Requests => Volatile.Read(ref _requestCount);
    public int Bookings => Volatile.Read(ref _bookings);

    /// <summary>Requests completed in this second by "kind/outcome" (only those that happened).</summary>
    public Dictionary<string, int> Outcomes
    {
        get
        {
            var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < _requests.Length; i++)
            {
                var n = Volatile.Read(ref _requests[i]);
                if (n > 0)
                {
                    outcomes[$"{RequestKindNames.All[i / OutcomeCount].Name()}/{CallOutcome.All[i % OutcomeCount]}"] = n;
                }
            }

            return outcomes;
        }
    }

    /// <summary>Requests of one kind and outcome completed in this second.</summary>
    public int Count(RequestKind kind, string outcome) => Volatile.Read(ref _requests[((int)kind * OutcomeCount) + CallOutcome.Index(outcome)]);

    /// <summary>Latency of every request completed in this second.</summary>
    public LatencyHistogram Latency { get; } = new(2);

    internal void CountRequest(RequestKind kind, int outcomeIndex) =>
        Interlocked.Increment(ref _requests[((int)kind * OutcomeCount) + outcomeIndex]);
}
