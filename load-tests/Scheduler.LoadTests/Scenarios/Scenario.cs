namespace Scheduler.LoadTests.Scenarios;

/// <summary>A load scenario: who arrives when, and how they behave. Read from <c>scenarios/*.json</c>.</summary>
public sealed record Scenario
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public string Procedure { get; init; } = "cpp-biometrics";
    public double DurationSeconds { get; init; } = 60;

    /// <summary>The arrival rate over time (applicants per second).</summary>
    public IReadOnlyList<RatePoint> Rate { get; init; } = [];

    /// <summary><c>poisson</c> (random gaps) or <c>uniform</c> (evenly spaced).</summary>
    public string ArrivalProcess { get; init; } = "poisson";

    /// <summary>Applicants in flight above this are not launched and are counted as dropped.</summary>
    public int MaxInFlight { get; init; } = 5000;

    /// <summary>Appointments on or before today plus this many days count as served before the deadline.</summary>
    public int DeadlineDaysAhead { get; init; } = 14;

    public int Seed { get; init; } = 20231110;

    /// <summary>
    /// Requests meant to start before this instant (seconds) are the warm-up: they count in every figure
    /// of the run, and the "steady" figures (latency, answers per second) leave them out. 0: no warm-up.
    /// </summary>
    public double WarmupSeconds { get; init; }

    public ApplicantBehaviour Applicants { get; init; } = new();

    public ClientPolicy Client { get; init; } = new();

    /// <summary>Changes made on the target through the operator API before the first arrival; none when absent.</summary>
    public ScenarioPreparation? Prepare { get; init; }

    /// <summary>Batches, reserves and bot operators, for runs with <c>--allocation</c> or <c>--bots</c>.</summary>
    public AllocationSettings Allocation { get; init; } = new();

    /// <summary>
    /// The same scenario stretched to another duration (the curve keeps its shape: a ramp toward the
    /// deadline still ends at the deadline) and with every rate multiplied by <paramref name="rateScale"/>.
    /// </summary>
    public Scenario Rescaled(double rateScale, double? durationSeconds)
    {
        var duration = durationSeconds ?? DurationSeconds;
        var timeFactor = duration / DurationSeconds;
        return this with
        {
            DurationSeconds = duration,
            WarmupSeconds = WarmupSeconds * timeFactor,
            Rate = Rate.Select(p => new RatePoint(p.AtSeconds * timeFactor, p.PerSecond * rateScale)).ToList(),
            Prepare = Prepare is null ? null : Prepare with { Releases = Prepare.Releases.Select(r => r with { AtSeconds = r.AtSeconds * timeFactor }).ToList() },
        };
    }
}
