namespace Scheduler.LoadTests.Scenarios;

/// <summary>A scenario file that cannot be found or does not make sense.</summary>
public sealed class ScenarioException(string message) : Exception(message);
