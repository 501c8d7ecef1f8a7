namespace Scheduler.Storage;

/// <summary>The production <see cref="IFaultInjection"/>: never fails.</summary>
public sealed class NoFaults : IFaultInjection
{
    public ValueTask At(string point, string operationId) => ValueTask.CompletedTask;
}
