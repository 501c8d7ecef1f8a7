namespace Scheduler.FaultTests.Infrastructure;

/// <summary>A read answered 503: worth retrying while the cluster recovers.</summary>
public sealed class UnavailableException(string message) : Exception(message);
