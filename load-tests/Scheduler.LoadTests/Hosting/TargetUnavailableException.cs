namespace Scheduler.LoadTests.Hosting;

/// <summary>The target could not be started or reached.</summary>
public sealed class TargetUnavailableException(string message) : Exception(message);
