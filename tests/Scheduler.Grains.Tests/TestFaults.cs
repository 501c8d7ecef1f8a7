using System.Collections.Concurrent;
using Scheduler.Storage;

namespace Scheduler.Grains.Tests;

/// <summary>
/// Throws at armed points (once each), for proving that multi-step operations are all-or-nothing; or holds an
/// operation at a point (for a test to kill its silo there).
/// </summary>
public sealed class TestFaults : IFaultInjection
{
    private readonly ConcurrentDictionary<string, bool> armed = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> held = new();

    public void Arm(string point, string operationId) => armed[$"{point}|{operationId}"] = true;

    /// <summary>Makes the operation stop at <paramref name="point"/> for good; the task completes when it gets there.</summary>
    public Task HoldAsync(string point, string operationId)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        held[$"{point}|{operationId}"] = reached;
        return reached.Task;
    }

    public async ValueTask At(string point, string operationId)
    {
        if (held.TryRemove($"{point}|{operationId}", out var reached))
        {
            reached.SetResult();
            await Task.Delay(Timeout.Infinite);
        }

        if (armed.TryRemove($"{point}|{operationId}", out _))
        {
            throw new InvalidOperationException($"Injected failure at {point}");
        }
    }
}
