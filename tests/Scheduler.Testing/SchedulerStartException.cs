namespace Scheduler.Testing;

/// <summary>A scheduler process that ended, or did not get ready in time, before it answered <c>/health/ready</c>.</summary>
public sealed class SchedulerStartException(string reason, int? exitCode, string logPath, string logTail)
    : Exception($"The scheduler {reason}; last lines of {logPath}:\n{logTail}")
{
    /// <summary>What went wrong, as "exited (code 134) before it was ready".</summary>
    public string Reason { get; } = reason;

    /// <summary>The exit code when the process ended; null when it was still running (and was stopped) at the deadline.</summary>
    public int? ExitCode { get; } = exitCode;

    public string LogTail { get; } = logTail;
}
