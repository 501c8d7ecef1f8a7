namespace Scheduler.Grains.Hosting;

/// <summary>Whether start-up work (schema, seed, warm-up) has finished, for <c>/health/ready</c>.</summary>
public sealed class SchedulerReadiness
{
    private volatile string? failure;
    private volatile bool ready;

    public bool IsReady => ready && failure is null;

    public string? Failure => failure;

    public void MarkReady() => ready = true;

    public void MarkFailed(string reason) => failure = reason;
}
