using Scheduler.LoadTests.Scenarios;

namespace Scheduler.LoadTests.Reporting;

/// <summary>How the run was set up.</summary>
public sealed record RunConfiguration(
    Scenario Scenario,
    double RateScale,
    string Target,
    IReadOnlyList<string> BaseUris,
    string Today,
    string DeadlineDate,
    string RunId);
