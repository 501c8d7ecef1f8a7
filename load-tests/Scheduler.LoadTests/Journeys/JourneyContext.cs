using Scheduler.LoadTests.Audit;
using Scheduler.LoadTests.Geography;
using Scheduler.LoadTests.Http;
using Scheduler.LoadTests.Measurement;
using Scheduler.LoadTests.Scenarios;

namespace Scheduler.LoadTests.Journeys;

/// <summary>What every applicant journey of a run shares.</summary>
public sealed record JourneyContext(
    Scenario Scenario,
    SchedulerApiClient Client,
    RetryPolicy Retry,
    RunRecorder Recorder,
    BookingLedger Ledger,
    SelloutTracker Sellouts,
    IReadOnlyDictionary<string, GeoPoint> OfficeLocations,
    DateOnly Today,
    string RunId)
{
    /// <summary>
    /// For <c>direct-book</c> journeys: the seats an applicant chooses its first request among (uniformly),
    /// one per open day at the target office, read once before the run (<c>directOpenDays</c> of them); empty
    /// when none was found.
    /// </summary>
    public IReadOnlyList<SlotPick> DirectPicks { get; init; } = [];

    /// <summary>The procedure's allocation mode as the tool set it (<c>first-come</c>, <c>batch</c>); null when left alone (first come).</summary>
    public string? Mode { get; init; }

    /// <summary>Completes once the tool has run its last batch (batch mode): a request still open after it stays unserved in this run.</summary>
    public Task FinalBatch { get; init; } = Task.CompletedTask;

    /// <summary>Run seconds at which bots stop (they never give up before: after the last arrival, as long as people may still be trying).</summary>
    public double BotsStopAt { get; init; } = double.PositiveInfinity;

    /// <summary>The bot operators' shared paces.</summary>
    public BotOperators Operators { get; init; } = new();

    /// <summary>
    /// The capital's area: the offices the far rule does not count as far (Lima's and Callao's), which an applicant from
    /// far away turns to as a last resort (within <see cref="ApplicantBehaviour.CapitalTripKm"/>, when set).
    /// </summary>
    public IReadOnlyList<string> CapitalOffices { get; init; } = [];

    /// <summary>
    /// Whether an applicant takes a seat at <paramref name="officeId"/>, <paramref name="distanceKm"/> from home: within
    /// <c>maxTravelKm</c> always; beyond it, when nothing nearer has one, anywhere, unless <c>capitalTripKm</c> is set:
    /// then only in the capital's area and no farther than that.
    /// </summary>
    public bool Accepts(string officeId, double distanceKm)
    {
        var behaviour = Scenario.Applicants;
        if (distanceKm <= behaviour.MaxTravelKm || behaviour.CapitalTripKm is not { } trip)
        {
            return true;
        }

        return distanceKm <= trip && CapitalOffices.Contains(officeId, StringComparer.Ordinal);
    }

    /// <summary>Whether the procedure allocates by requests and batches.</summary>
    public bool IsBatch => Mode == Fairness.AllocationMode.Batch;
}
