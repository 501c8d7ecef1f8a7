using Scheduler.LoadTests.Measurement;
using Scheduler.LoadTests.Running;

namespace Scheduler.LoadTests.Tests;

public sealed class OpenModelDriverTests
{
    [Fact]
    public async Task Arrivals_are_launched_on_schedule_even_when_nothing_ever_answers()
    {
        var clock = new RunClock(TimeProvider.System);
        var recorder = new RunRecorder();
        var stuck = new TaskCompletionSource();
        var launchedAt = new List<double>();
        double[] schedule = [.. Enumerable.Range(0, 20).Select(i => i * 0.01)];

        clock.Restart();
        var running = await new OpenModelDriver(clock, recorder, maxInFlight: 1000).RunAsync(
            schedule,
            at =>
            {
                launchedAt.Add(clock.Now);
                return () => stuck.Task;
            },
            CancellationToken.None);

        Assert.Equal(20, running.Launched);
        Assert.Equal(20, recorder.InFlight);
        Assert.All(launchedAt.Zip(schedule), p => Assert.InRange(p.First - p.Second, -0.001, 0.5));
        Assert.False(running.Drained.IsCompleted);
        stuck.SetResult();
        await running.Drained.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Arrivals_beyond_the_in_flight_cap_are_dropped_and_counted_not_delayed()
    {
        var clock = new RunClock(TimeProvider.System);
        var recorder = new RunRecorder();
        var stuck = new TaskCompletionSource();

        clock.Restart();
        var running = await new OpenModelDriver(clock, recorder, maxInFlight: 5).RunAsync(
            [.. Enumerable.Range(0, 12).Select(i => i * 0.005)],
            _ => () => stuck.Task,
            CancellationToken.None);

        Assert.Equal(5, running.Launched);
        Assert.Equal(7, recorder.Dropped);
        Assert.Equal(7, recorder.ApplicantOutcomes["dropped"]);
        Assert.Equal(7, recorder.Timeline()[0].Dropped);
        stuck.SetResult();
    }

    [Fact]
    public void Latency_counts_from_the_intended_start_not_from_when_the_request_left()
    {
        var recorder = new RunRecorder();

        // Meant to leave at 1.0 s, answered at 3.5 s: 2.5 s, however late it really left.
        recorder.RecordRequest(Scheduler.LoadTests.Http.RequestKind.Book, "ok", intendedStart: 1.0, completedAt: 3.5);

        Assert.InRange(recorder.Latency(Scheduler.LoadTests.Http.RequestKind.Book).PercentileMs(50), 2495, 2505);
        Assert.Equal(1, recorder.Timeline()[3].Bookings);
    }
}
