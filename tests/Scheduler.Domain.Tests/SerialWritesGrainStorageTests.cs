using System.Collections.Concurrent;
using Orleans.Storage;
using Scheduler.Grains.Storage;
using Scheduler.Storage;

namespace Scheduler.Domain.Tests;

public class SerialWritesGrainStorageTests
{
    [Fact]
    public async Task Concurrent_writes_and_clears_reach_the_inner_storage_one_at_a_time_in_arrival_order()
    {
        var inner = new RecordingStorage();
        var storage = new SerialWritesGrainStorage(inner, new SqliteWriteGate());

        var writes = Enumerable.Range(0, 200)
            .Select(i => Task.Run(() => i % 10 == 0
                ? storage.ClearStateAsync("s", Id(i), new GrainState<int>(i))
                : storage.WriteStateAsync("s", Id(i), new GrainState<int>(i))))
            .ToArray();
        await Task.WhenAll(writes);

        Assert.Equal(1, inner.MaxConcurrentWrites);
        Assert.Equal(200, inner.Order.Count);
        Assert.Equal(200, inner.Order.Distinct().Count());
    }

    [Fact]
    public async Task Writes_queue_in_the_order_they_arrive()
    {
        var inner = new RecordingStorage { Hold = new TaskCompletionSource() };
        var storage = new SerialWritesGrainStorage(inner, new SqliteWriteGate());

        var first = storage.WriteStateAsync("s", Id(0), new GrainState<int>(0));
        var queued = Enumerable.Range(1, 20).Select(i => storage.WriteStateAsync("s", Id(i), new GrainState<int>(i))).ToArray();
        Assert.False(first.IsCompleted);
        Assert.Equal([0], inner.Order);

        inner.Hold.SetResult();
        await Task.WhenAll(queued.Append(first));

        Assert.Equal(Enumerable.Range(0, 21), inner.Order);
    }

    [Fact]
    public async Task Reads_pass_a_write_in_progress()
    {
        var inner = new RecordingStorage { Hold = new TaskCompletionSource() };
        var storage = new SerialWritesGrainStorage(inner, new SqliteWriteGate());

        var write = storage.WriteStateAsync("s", Id(1), new GrainState<int>(1));
        var read = new GrainState<int>();
        await storage.ReadStateAsync("s", Id(2), read).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(42, read.State);
        Assert.False(write.IsCompleted);
        inner.Hold.SetResult();
        await write;
    }

    [Fact]
    public async Task A_failed_write_fails_its_own_caller_and_lets_the_next_write_through()
    {
        var inner = new RecordingStorage { FailFor = 3 };
        var storage = new SerialWritesGrainStorage(inner, new SqliteWriteGate());

        var failed = storage.WriteStateAsync("s", Id(3), new GrainState<int>(3));
        var next = storage.WriteStateAsync("s", Id(4), new GrainState<int>(4));

        await Assert.ThrowsAsync<InconsistentStateException>(() => failed);
        await next.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([3, 4], inner.Order);
    }

    private static GrainId Id(int i) => GrainId.Create("test", i.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private sealed class RecordingStorage : IGrainStorage
    {
        private int inFlight;
        private int maxInFlight;

        public ConcurrentQueue<int> Order { get; } = new();

        public int MaxConcurrentWrites => Volatile.Read(ref maxInFlight);

        public TaskCompletionSource? Hold { get; init; }

        public int? FailFor { get; init; }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            ((IGrainState<int>)grainState).State = 42;
            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => RecordAsync(grainId);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => RecordAsync(grainId);

        private async Task RecordAsync(GrainId grainId)
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            try
            {
                var key = int.Parse(grainId.Key.ToString()!, System.Globalization.CultureInfo.InvariantCulture);
                Order.Enqueue(key);
                if (Hold is { } hold && Order.Count == 1)
                {
                    await hold.Task;
                }

                await Task.Yield();
                if (FailFor == key)
                {
                    throw new InconsistentStateException("injected");
                }
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}
