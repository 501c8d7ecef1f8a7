using System.Collections.Concurrent;
using Scheduler.LoadTests.Http;

namespace Scheduler.LoadTests.Measurement;

/// <summary>
/// Collects every measurement of a run: per-kind latency histograms (measured from each request's
/// intended start, so a slow server cannot hide its queueing), outcome counts, and a per-second timeline.
/// </summary>
public sealed class RunRecorder
{
    private readonly LatencyHistogram[] _byKind = RequestKindNames.All.Select(_ => new LatencyHistogram()).ToArray();
    private readonly ConcurrentDictionary<string, long> _requestOutcomes = new();
    private readonly ConcurrentDictionary<string, long> _applicantOutcomes = new();
    private readonly ConcurrentDictionary<string, string> _errorSamples = new();
    private readonly List<TimelineSecond> _timeline = [];
    private readonly Lock _timelineGate = new();
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

    /// <summary>Requests by "kind/outcome".</summary>
    public IReadOnlyDictionary<string, long> RequestOutcomes => _requestOutcomes;

    /// <summary>Applicants by how their journey ended.</summary>
    public IReadOnlyDictionary<string, long> ApplicantOutcomes => _applicantOutcomes;

    /// <summary>Sets how many arrivals the schedule offers in each second (known before the run).</summary>
    public void SetOffered(IReadOnlyList<int> perSecond)
    {
        lock (_timelineGate)
        {
            for (var s = 0; s < perSecond.Count; s++)
            {
                At(s).Offered = perSecond[s];
            }
        }
    }

    public void RecordRequest(RequestKind kind, string outcome, double intendedStart, double completedAt)
    {
        var latency = Math.Max(0, completedAt - intendedStart);
        _byKind[(int)kind].Record(latency);
        var key = $"{kind.Name()}/{outcome}";
        _requestOutcomes.AddOrUpdate(key, 1, (_, n) => n + 1);
        TimelineSecond bucket;
        lock (_timelineGate)
        {
            bucket = At(completedAt);
            bucket.Requests++;
            bucket.Outcomes[key] = bucket.Outcomes.GetValueOrDefault(key) + 1;
            if (kind == RequestKind.Book && outcome == CallOutcome.Ok)
            {
                bucket.Bookings++;
            }
        }

        bucket.Latency.Record(latency);
    }

    /// <summary>The first answer seen for each non-ok "kind/outcome", so a report can show what went wrong.</summary>
    public IReadOnlyDictionary<string, string> ErrorSamples => _errorSamples;

    public void RecordErrorSample(RequestKind kind, string outcome, int? status, string? body)
    {
        if (outcome == CallOutcome.Ok || _errorSamples.Count >= 64)
        {
            return;
        }

        var text = body is null ? "" : body.Length > 1200 ? body[..1200] + "..." : body;
        _errorSamples.TryAdd($"{kind.Name()}/{outcome}", $"{status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer"}: {text}");
    }

    public void RecordRetry() => Interlocked.Increment(ref _retries);

    /// <summary>An applicant started; returns false (and counts a drop) when the in-flight cap is reached.</summary>
    public bool TryLaunch(double at, long maxInFlight)
    {
        if (Interlocked.Increment(ref _inFlight) > maxInFlight)
        {
            Interlocked.Decrement(ref _inFlight);
            Interlocked.Increment(ref _dropped);
            _applicantOutcomes.AddOrUpdate("dropped", 1, (_, n) => n + 1);
            lock (_timelineGate)
            {
                At(at).Dropped++;
            }

            return false;
        }

        var now = Interlocked.Read(ref _inFlight);
        long peak;
        while (now > (peak = Interlocked.Read(ref _peakInFlight)) && Interlocked.CompareExchange(ref _peakInFlight, now, peak) != peak)
        {
        }

        Interlocked.Increment(ref _launched);
        lock (_timelineGate)
        {
            At(at).Launched++;
        }

        return true;
    }

    public void RecordFinished(string outcome, double at)
    {
        Interlocked.Decrement(ref _inFlight);
        _applicantOutcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
        lock (_timelineGate)
        {
            At(at).Finished++;
        }
    }

    /// <summary>A copy-safe view of the timeline, one entry per second from 0.</summary>
    public IReadOnlyList<TimelineSecond> Timeline()
    {
        lock (_timelineGate)
        {
            return [.. _timeline];
        }
    }

    /// <summary>Counts of the second that ended most recently before <paramref name="now"/>.</summary>
    public (int Launched, int Requests, int Offered) LastFullSecond(double now)
    {
        var s = (int)Math.Floor(now) - 1;
        lock (_timelineGate)
        {
            return s >= 0 && s < _timeline.Count ? (_timeline[s].Launched, _timeline[s].Requests, _timeline[s].Offered) : (0, 0, 0);
        }
    }

    private TimelineSecond At(double seconds)
    {
        var s = Math.Max(0, (int)Math.Floor(seconds));
        while (_timeline.Count <= s)
        {
            _timeline.Add(new TimelineSecond(_timeline.Count));
        }

        return _timeline[s];
    }
}
