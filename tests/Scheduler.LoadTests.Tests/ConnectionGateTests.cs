using Scheduler.LoadTests.Http;

namespace Scheduler.LoadTests.Tests;

/// <summary>The gate that keeps requests out of the handler's connection pool queue.</summary>
public sealed class ConnectionGateTests
{
    [Fact]
    public async Task A_gate_lets_as_many_in_as_it_has_places_and_the_rest_wait_in_arrival_order()
    {
        var gate = new ConnectionGate(2);
        Assert.True(gate.EnterAsync(CancellationToken.None).IsCompletedSuccessfully);
        Assert.True(gate.EnterAsync(CancellationToken.None).IsCompletedSuccessfully);

        var order = new List<int>();
        var waits = Enumerable.Range(1, 3).Select(i => EnterThenNote(gate, order, i)).ToList();
        Assert.All(waits, w => Assert.False(w.IsCompleted));
        Assert.Equal(0, gate.Free);

        gate.Leave();
        gate.Leave();
        gate.Leave();
        await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([1, 2, 3], order);
        Assert.Equal(0, gate.Free);
        gate.Leave();
        gate.Leave();
        Assert.Equal(2, gate.Free);
    }

    [Fact]
    public void The_place_is_handed_on_by_the_leaving_thread_before_Leave_returns()
    {
        var gate = new ConnectionGate(1);
        Assert.True(gate.EnterAsync(CancellationToken.None).IsCompletedSuccessfully);
        var leavingThread = Environment.CurrentManagedThreadId;
        var ranOn = 0;

        var waiter = Continue(gate, () => ranOn = Environment.CurrentManagedThreadId);
        Assert.False(waiter.IsCompleted);

        gate.Leave();

        // No hop to the thread pool: the waiter's next step has already run, here.
        Assert.True(waiter.IsCompletedSuccessfully);
        Assert.Equal(leavingThread, ranOn);
    }

    [Fact]
    public async Task A_waiter_whose_time_runs_out_gives_up_its_turn_without_taking_a_place()
    {
        var gate = new ConnectionGate(1);
        Assert.True(gate.EnterAsync(CancellationToken.None).IsCompletedSuccessfully);
        using var timeout = new CancellationTokenSource();

        var impatient = gate.EnterAsync(timeout.Token).AsTask();
        var patient = gate.EnterAsync(CancellationToken.None).AsTask();
        await timeout.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        Assert.False(patient.IsCompleted);

        gate.Leave();
        await patient.WaitAsync(TimeSpan.FromSeconds(10));
        gate.Leave();
        Assert.Equal(1, gate.Free);
        Assert.Equal(0, gate.Waiting);
    }

    [Fact]
    public async Task An_already_cancelled_token_is_refused_at_once()
    {
        var gate = new ConnectionGate(1);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.EnterAsync(new CancellationToken(canceled: true)).AsTask());
        Assert.Equal(1, gate.Free);
    }

    [Fact]
    public async Task Under_concurrent_hammering_no_more_than_the_places_are_ever_in_and_no_place_is_lost()
    {
        const int places = 8;
        var gate = new ConnectionGate(places);
        var inside = 0;
        var most = 0;
        var finished = 0;
        var timedOut = 0;

        async Task OneAsync(int i)
        {
            await Task.Yield();
            // Every seventh caller gives up almost at once, so cancellations race with hand-overs.
            using var cts = i % 7 == 0 ? new CancellationTokenSource(TimeSpan.FromTicks(i % 3 * 10)) : new CancellationTokenSource();
            try
            {
                await gate.EnterAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref timedOut);
                return;
            }

            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref most, now);
            await Task.Delay(i % 2);
            Interlocked.Decrement(ref inside);
            gate.Leave();
            Interlocked.Increment(ref finished);
        }

        await Task.WhenAll(Enumerable.Range(0, 5_000).Select(i => Task.Run(() => OneAsync(i)))).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.InRange(most, 1, places);
        Assert.Equal(5_000, finished + timedOut);
        Assert.Equal(places, gate.Free);
    }

    private static async Task EnterThenNote(ConnectionGate gate, List<int> order, int i)
    {
        await gate.EnterAsync(CancellationToken.None);
        lock (order)
        {
            order.Add(i);
        }
    }

    private static async Task Continue(ConnectionGate gate, Action next)
    {
        await gate.EnterAsync(CancellationToken.None);
        next();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
