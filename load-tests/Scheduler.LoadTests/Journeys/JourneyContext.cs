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
    string RunId);
