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
}
