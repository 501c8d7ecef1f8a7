using Scheduler.LoadTests.Audit;
using Scheduler.LoadTests.Measurement;
using Scheduler.LoadTests.Metrics;

namespace Scheduler.LoadTests.Reporting;

/// <summary>Everything a run found, as written to <c>summary.json</c>.</summary>
public sealed record RunSummary
{
    public required RunConfiguration Config { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    public required ArrivalFigures Arrivals { get; init; }
    public required IReadOnlyDictionary<string, long> ApplicantOutcomes { get; init; }

    /// <summary>Request counts by kind, then outcome.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Requests { get; init; }

    public required ThroughputFigures Throughput { get; init; }

    /// <summary>The leading figures of a run that books: 201s per second, their latency, rows per transaction, thirds; null without bookings.</summary>
    public BookingFigures? Booking { get; init; }

    /// <summary>What the scenario's <c>prepare</c> section changed on the target before the arrivals.</summary>
    public IReadOnlyList<Preparation.CapacityRaised> Preparation { get; init; } = [];

    /// <summary>Seats released during the run (a scenario's <c>prepare.releases</c>).</summary>
    public IReadOnlyList<Preparation.SeatReleased> Releases { get; init; } = [];

    /// <summary>Latency by request kind (and <c>all</c>), measured from each request's intended start.</summary>
    public required IReadOnlyDictionary<string, LatencySummary> Latency { get; init; }

    /// <summary>From when the steady figures count (the scenario's warm-up; 0 when it has none).</summary>
    public double SteadyFromSeconds { get; init; }

    /// <summary>Latency by kind (and <c>all</c>) of the requests meant to start after the warm-up.</summary>
    public IReadOnlyDictionary<string, LatencySummary> SteadyLatency { get; init; } = new Dictionary<string, LatencySummary>();

    /// <summary>The first answer of each failing "kind/outcome" (status and the start of the body).</summary>
    public IReadOnlyDictionary<string, string> ErrorSamples { get; init; } = new Dictionary<string, string>();

    public required ServiceSummary Service { get; init; }
    public required IReadOnlyList<SelloutSummary> Sellouts { get; init; }
    public required ServerMetrics Server { get; init; }
    public AuditResult? Audit { get; init; }
    public string? AuditSkippedReason { get; init; }
    public required IReadOnlyList<SecondSummary> Timeline { get; init; }

    /// <summary>CPU and peak memory of the tool, the scheduler's processes and PostgreSQL, and the machine's load.</summary>
    public ResourceFigures? Resources { get; init; }

    /// <summary>Who got the seats: bots, homes far from the capital, people who asked before the deadline.</summary>
    public Fairness.FairnessFigures? Fairness { get; init; }

    /// <summary>With <c>--allocation both</c>: every mode's fairness figures, so each report shows them side by side.</summary>
    public IReadOnlyDictionary<string, Fairness.FairnessFigures>? FairnessByMode { get; init; }

    /// <summary>What <c>--allocation</c> set on the procedure before the run.</summary>
    public Fairness.AllocationSetup? Allocation { get; init; }

    /// <summary>The batches the tool ran (batch mode).</summary>
    public Fairness.BatchFigures? Batches { get; init; }

    /// <summary>Set when the run stopped early (Ctrl+C, drain time-out).</summary>
    public string? Interrupted { get; init; }
}
