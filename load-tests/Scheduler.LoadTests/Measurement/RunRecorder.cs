using System.Collections.Concurrent;
using Scheduler.LoadTests.Http;

namespace Scheduler.LoadTests.Measurement;

/// <summary>
/// Collects every measurement of a run: per-kind latency histograms (measured from each request's
/// intended start, so a slow server cannot hide its queueing), outcome counts, and a per-second timeline.
/// Recording a request costs a few interlocked increments and two uncontended histogram records: no
/// strings, no dictionaries, no shared lock.
/// </summary>
public sealed class RunRecorder
{
    private static readonly int OutcomeCount = CallOutcome.All.Length;
    private readonly LatencyHistogram[] _byKind = RequestKindNames.All.Select(_ => new LatencyHistogram()).ToArray();
    private readonly LatencyHistogram[] _steadyByKind = RequestKindNames.All.Select(_ => new LatencyHistogram()).ToArray();

    // Booking answers by decision (201, 409 slot-full): a seat won costs storage writes, a refusal none,
    // so their latencies differ by an order of magnitude and a mix's p99 says which one dominates.
    private readonly LatencyHistogram[] _bookDecisions = [new(), new()];
    private readonly LatencyHistogram[] _steadyBookDecisions = [new(), new()];
    private readonly long[] _requests = new long[RequestKindNames.All.Count * CallOutcome.All.Length];
    private readonly ConcurrentDictionary<string, long> _applicantOutcomes = new();
    private readonly ConcurrentDictionary<string, string> _errorSamples = new();
    private readonly int[] _sampled = new int[RequestKindNames.All.Count * CallOutcome.All.Length];
    private readonly Lock _timelineGate = new();
    private TimelineSecond[] _timeline = [];
    private long _inFlight;
    private long _peakInFlight;
    private long _launched;
    private long _dropped;
    private long _retries;

    public long InFlight => Interlocked.Read(ref _inFlight);
    public long PeakInFlight => Interlocked.Read(ref _peakInFlight);
    public long Launched => Interlocked.Read(ref _launched);
    public long Dropped => Interlocked.Read(ref _dropped);
    public long Retries => Interlocked.Read(ref _retries);

    public LatencyHistogram Latency(RequestKind kind) => _byKind[(int)kind];

    /// <summary>Requests meant to start at or after this instant (seconds) also count in the steady histograms.</summary>
    public double SteadyFrom { get; set; }

    /// <summary>Latency of the requests meant to start after the warm-up (<see cref="SteadyFrom"/>).</summary>
    public LatencyHistogram SteadyLatency(RequestKind kind) => _steadyByKind[(int)kind];

    /// <summary>Booking requests answered 201 (<paramref name="booked"/>) or 409 slot-full, over the run or after the warm-up.</summary>
    public LatencyHistogram BookDecisionLatency(bool booked, bool steady) =>
        (steady ? _steadyBookDecisions : _bookDecisions)[booked ? 0 : 1];

    /// <summary>All kinds together, after the warm-up.</summary>
    public LatencyHistogram CombinedSteadyLatency()
    {
        var all = new LatencyHistogram();
        foreach (var h in _steadyByKind)
        {
            h.AddTo(all);
        }

        return all;
    }

    /// <summary>All kinds together.</summary>
    public LatencyHistogram CombinedLatency()
    {
        var all = new LatencyHistogram();
        foreach (var h in _byKind)
        {
            h.AddTo(all);
        }

        return all;
    }

    /// <summary>Requests by "kind/outcome" (only those that happened).</summary>
    public IReadOnlyDictionary<string, long> RequestOutcomes
    {
        get
        {
            var outcomes = new Dictionary<string, long>(StringComparer.Ordinal);
            for (var i = 0; i < _requests.Length; i++)
            {
                var n = Interlocked.Read(ref _requests[i]);
                if (n > 0)
                {
                    outcomes[$"{RequestKindNames.All[i / OutcomeCount].Name()}/{CallOutcome.All[i % OutcomeCount]}"] = n;
                }
            }

            return outcomes;
        }
    }

    /// <summary>Requests of one kind and outcome so far.</summary>
    public long RequestCount(RequestKind kind, string outcome) => Interlocked.Read(ref _requests[((int)kind * OutcomeCount) + CallOutcome.Index(outcome)]);

    /// <summary>Applicants by how their journey ended.</summary>
    public IReadOnlyDictionary<string, long> ApplicantOutcomes => _applicantOutcomes;

    /// <summary>Sets how many arrivals the schedule offers in each second (known before the run).</summary>
    public void SetOffered(IReadOnlyList<int> perSecond)
    {
        for (var s = 0; s < perSecond.Count; s++)
        {
            Volatile.Write(ref At(s)._offered, perSecond[s]);
        }
    }

    public void RecordRequest(RequestKind kind, string outcome, double intendedStart, double completedAt)
    {
        var latency = Math.Max(0, completedAt - intendedStart);
        var outcomeIndex = CallOutcome.Index(outcome);
        _byKind[(int)kind].Record(latency);
        var steady = intendedStart >= SteadyFrom;
        if (steady)
        {
            _steadyByKind[(int)kind].Record(latency);
        }

        if (kind == RequestKind.Book && outcomeIndex is 0 or 1)
        {
            _bookDecisions[outcomeIndex].Record(latency);
            if (steady)
            {
                _steadyBookDecisions[outcomeIndex].Record(latency);
            }
        }

        Interlocked.Increment(ref _requests[((int)kind * OutcomeCount) + outcomeIndex]);
        var bucket = At(completedAt);
        Interlocked.Increment(ref bucket._requestCount);
        bucket.CountRequest(kind, outcomeIndex);
        if (kind == RequestKind.Book && outcomeIndex == 0)
        {
            Interlocked.Increment(ref bucket._bookings);
        }

        bucket.Latency.Record(latency);
    }

    /// <summary>The first answer seen for each non-ok "kind/outcome", so a report can show what went wrong.</summary>
    public IReadOnlyDictionary<string, string> ErrorSamples => _errorSamples;

    /// <summary>Whether an answer of this kind and outcome should be kept as a sample (the first non-ok one of its kind).</summary>
    public bool WantsErrorSample(RequestKind kind, string outcome) =>
        outcome != CallOutcome.Ok && Volatile.Read(ref _sampled[((int)kind * OutcomeCount) + CallOutcome.Index(outcome)]) == 0;

    public void RecordErrorSample(RequestKind kind, string outcome, int? status, string? body)
    {
        if (outcome == CallOutcome.Ok || Interlocked.Exchange(ref _sampled[((int)kind * OutcomeCount) + CallOutcome.Index(outcome)], 1) != 0)
        {
            return;
        }

        var text = body is null ? "" : body.Length > 1200 ? body[..1200] + "..." : body;
        _errorSamples.TryAdd(SampleKey(kind, outcome), $"{status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer"}: {text}");
    }

    public void RecordRetry() => Interlocked.Increment(ref _retries);

    /// <summary>An applicant started; returns false (and counts a drop) when the in-flight cap is reached.</summary>
    public bool TryLaunch(double at, long maxInFlight)
    {
        var now = Interlocked.Increment(ref _inFlight);
        if (now > maxInFlight)
        {
            Interlocked.Decrement(ref _inFlight);
            Interlocked.Increment(ref _dropped);
            _applicantOutcomes.AddOrUpdate("dropped", 1, static (_, n) => n + 1);
            Interlocked.Increment(ref At(at)._dropped);
            return false;
        }

        long peak;
        while (now > (peak = Interlocked.Read(ref _peakInFlight)) && Interlocked.CompareExchange(ref _peakInFlight, now, peak) != peak)
        {
        }

        Interlocked.Increment(ref _launched);
        Interlocked.Increment(ref At(at)._launched);
        return true;
    }

    public void RecordFinished(string outcome, double at)
    {
        Interlocked.Decrement(ref _inFlight);
        _applicantOutcomes.AddOrUpdate(outcome, 1, static (_, n) => n + 1);
        Interlocked.Increment(ref At(at)._finished);
    }

    /// <summary>The timeline so far, one entry per second from 0 (live objects: read, do not keep counting on them).</summary>
    public IReadOnlyList<TimelineSecond> Timeline()
    {
        var timeline = Volatile.Read(ref _timeline);
        var used = timeline.Length;
        while (used > 0 && timeline[used - 1] is null)
        {
            used--;
        }

        return timeline[..used];
    }

    /// <summary>Counts of the second that ended most recently before <paramref name="now"/>.</summary>
    public (int Launched, int Requests, int Offered) LastFullSecond(double now)
    {
        var s = (int)Math.Floor(now) - 1;
        var timeline = Volatile.Read(ref _timeline);
        return s >= 0 && s < timeline.Length && timeline[s] is { } second ? (second.Launched, second.Requests, second.Offered) : (0, 0, 0);
    }

    /// <summary>The second <paramref name="seconds"/> falls in, and every second before it, created when first needed.</summary>
    private TimelineSecond At(double seconds)
    {
        var s = Math.Max(0, (int)Math.Floor(seconds));
        var timeline = Volatile.Read(ref _timeline);
        if (s < timeline.Length && timeline[s] is { } existing)
        {
            return existing;
        }

        lock (_timelineGate)
        {
            timeline = _timeline;
            if (s >= timeline.Length)
            {
                var grown = new TimelineSecond[Math.Max(s + 1, Math.Max(64, timeline.Length * 2))];
                Array.Copy(timeline, grown, timeline.Length);
                timeline = grown;
            }

            for (var i = 0; i <= s; i++)
            {
                timeline[i] ??= new TimelineSecond(i);
            }

            Volatile.Write(ref _timeline, timeline);
            return timeline[s];
        }
    }

    private static string SampleKey(RequestKind kind, string outcome) => $"{kind.Name()}/{outcome}";
}
