using System.Globalization;
using Scheduler.LoadTests.Audit;
using Scheduler.LoadTests.Http;
using Scheduler.LoadTests.Journeys;
using Scheduler.LoadTests.Measurement;
using Scheduler.LoadTests.Metrics;

namespace Scheduler.LoadTests.Reporting;

/// <summary>Turns a run's raw measurements into the <see cref="RunSummary"/>.</summary>
public static class SummaryBuilder
{
    public static RunSummary Build(
        RunConfiguration config,
        DateTimeOffset startedAt,
        DateTimeOffset finishedAt,
        ArrivalFigures arrivals,
        RunRecorder recorder,
        ServiceTally service,
        SelloutTracker sellouts,
        ServerMetrics server,
        AuditResult? audit,
        string? auditSkippedReason,
        double wallSeconds,
        string? interrupted)
    {
        var requests = new Dictionary<string, IReadOnlyDictionary<string, long>>();
        foreach (var kind in RequestKindNames.All)
        {
            var prefix = kind.Name() + "/";
            requests[kind.Name()] = recorder.RequestOutcomes
                .Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
        }

        var latency = RequestKindNames.All.ToDictionary(k => k.Name(), k => recorder.Latency(k).Summary());
        latency["all"] = recorder.CombinedLatency().Summary();
        var steady = RequestKindNames.All.ToDictionary(k => k.Name(), k => recorder.SteadyLatency(k).Summary());
        steady["all"] = recorder.CombinedSteadyLatency().Summary();
        foreach (var (key, booked) in new[] { ("book/ok", true), ("book/slot-full", false) })
        {
            latency[key] = recorder.BookDecisionLatency(booked, steady: false).Summary();
            steady[key] = recorder.BookDecisionLatency(booked, steady: true).Summary();
        }

        var timeline = recorder.Timeline()
            .Select(s => new SecondSummary(
                s.Second, s.Offered, s.Launched, s.Dropped, s.Requests, s.Bookings,
                s.Latency.PercentileMs(50), s.Latency.PercentileMs(90), s.Latency.PercentileMs(99),
                new SortedDictionary<string, int>(s.Outcomes, StringComparer.Ordinal)))
            .ToList();

        var totalRequests = recorder.RequestOutcomes.Values.Sum();
        var bookings = recorder.RequestOutcomes.GetValueOrDefault($"{RequestKind.Book.Name()}/{CallOutcome.Ok}");
        // Whole seconds from the end of the warm-up to the last arrival.
        var firstSecond = (int)Math.Ceiling(config.Scenario.WarmupSeconds);
        var lastSecond = (int)Math.Ceiling(config.Scenario.DurationSeconds);
        var window = (double)Math.Max(0, lastSecond - firstSecond);
        var inWindow = recorder.Timeline().Where(t => t.Second >= firstSecond && t.Second < lastSecond).ToList();
        double PerWindowSecond(Func<TimelineSecond, long> count) => window > 0 ? inWindow.Sum(count) / window : 0;
        long Answered(TimelineSecond t, RequestKind kind) =>
            CallOutcome.All.Where(o => o is not (CallOutcome.Timeout or CallOutcome.ConnectionError)).Sum(o => (long)t.Count(kind, o));
        var throughput = new ThroughputFigures(
            config.Scenario.DurationSeconds,
            wallSeconds,
            totalRequests,
            recorder.Retries,
            bookings,
            wallSeconds > 0 ? totalRequests / wallSeconds : 0,
            wallSeconds > 0 ? bookings / wallSeconds : 0,
            timeline.Count == 0 ? 0 : timeline.Max(t => t.Requests))
        {
            SteadyWindowSeconds = window,
            WindowAnsweredPerSecond = PerWindowSecond(t => RequestKindNames.All.Sum(k => Answered(t, k))),
            WindowBookDecisionsPerSecond = PerWindowSecond(t => CallOutcome.All.Where(CallOutcome.IsDecision).Sum(o => (long)t.Count(RequestKind.Book, o))),
            WindowQueriesPerSecond = PerWindowSecond(t => Answered(t, RequestKind.Search) + Answered(t, RequestKind.Availability)),
        };

        var booking = BookingFigures.From(timeline, firstSecond, lastSecond, steady["book/ok"], server.RowsPerTransaction);
        return new RunSummary
        {
            Config = config,
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            Arrivals = arrivals,
            ApplicantOutcomes = new SortedDictionary<string, long>(recorder.ApplicantOutcomes.ToDictionary(), StringComparer.Ordinal),
            Requests = requests,
            Throughput = throughput,
            Booking = booking,
            ErrorSamples = new SortedDictionary<string, string>(recorder.ErrorSamples.ToDictionary(), StringComparer.Ordinal),
            Latency = latency,
            SteadyFromSeconds = config.Scenario.WarmupSeconds,
            SteadyLatency = steady,
            Service = service.ToSummary((int)arrivals.Dropped),
            Sellouts = sellouts.All.Select(s => new SelloutSummary(s.OfficeId, s.Date, Math.Round(s.AtSeconds, 3))).ToList(),
            Server = server,
            Audit = audit,
            AuditSkippedReason = auditSkippedReason,
            Timeline = timeline,
            Interrupted = interrupted,
        };
    }

    /// <summary>Sorts applicants into service categories; <paramref name="dropped"/> arrivals count as not served.</summary>
    public static ServiceSummary Service(IReadOnlyList<ApplicantResult> applicants, int dropped, string deadlineDate) =>
        ServiceTally.Of(applicants, deadlineDate).ToSummary(dropped);

    /// <summary>The service category of one applicant's result.</summary>
    internal static string Category(ApplicantResult a, string deadlineDate)
    {
        if (a.Outcome is not (JourneyOutcome.Booked or JourneyOutcome.AlreadyBooked or JourneyOutcome.Assigned) || a.Date is null)
        {
            return ServiceSummary.NotServed;
        }

        if (a.Cancelled)
        {
            return ServiceSummary.Cancelled;
        }

        var near = a.DistanceKm is { } km && km <= ApplicantJourney.NearHomeKm;
        var beforeDeadline = string.CompareOrdinal(a.Date, deadlineDate) <= 0;
        return (near, beforeDeadline) switch
        {
            (true, true) => ServiceSummary.NearBeforeDeadline,
            (true, false) => ServiceSummary.NearAfterDeadline,
            (false, true) => ServiceSummary.FarBeforeDeadline,
            _ => ServiceSummary.FarAfterDeadline,
        };
    }

    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
