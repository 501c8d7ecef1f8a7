namespace Scheduler.LoadTests.Scenarios;

/// <summary>How the virtual applicants' HTTP client waits and retries.</summary>
public sealed record ClientPolicy
{
    public double RequestTimeoutSeconds { get; init; } = 10;
    public int MaxAttempts { get; init; } = 6;
    public double BaseBackoffMs { get; init; } = 200;
    public double MaxBackoffMs { get; init; } = 8000;
    public int MaxConnections { get; init; } = 256;
}
