namespace Scheduler.LoadTests.Preparation;

/// <summary>A scenario's <c>prepare</c> section could not be carried out on the target (the run does not start).</summary>
public sealed class PreparationException(string message) : Exception(message);
