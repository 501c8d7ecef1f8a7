using System.Collections.Concurrent;
using Scheduler.Grains.Capacity;

namespace Scheduler.Grains.Tests;

/// <summary>Throws at armed points (once each), for proving that multi-step operations are all-or-nothing.</summary>
public sealed class TestFaults : IFaultInjection
{
    private readonly ConcurrentDictionary<string, bool> armed = new();

    public void Arm(string point, string operationId) => armed[$"{point}|{operationId}"] = true;

    public ValueTask At(string point, string operationId) =>
        armed.TryRemove($"{point}|{operationId}", out _)
            ? throw new InvalidOperationException($"Injected failure at {point}")
            : ValueTask.CompletedTask;
}
