using System.Collections.Concurrent;
using Scheduler.Storage;

namespace Scheduler.Api.Tests.Infrastructure;

/// <summary>
/// Fails an operation once at an armed point, as a grain call that timed out would (the front door answers 503
/// and the client retries). Registered in every host this factory starts.
/// </summary>
public sealed class InjectedFaults : IFaultInjection
{
    private readonly ConcurrentDictionary<string, bool> armed = new();

    public void Arm(string point, string operationId) => armed[$"{point}|{operationId}"] = true;

    public ValueTask At(string point, string operationId) =>
        armed.TryRemove($"{point}|{operationId}", out _)
            ? throw new TimeoutException($"Injected failure at {point}")
            : ValueTask.CompletedTask;
}
