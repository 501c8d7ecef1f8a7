using System.Text;
using System.Text.Json;
using Scheduler.LoadTests.Contract;
using Scheduler.LoadTests.Http;
using Scheduler.LoadTests.Journeys;
using Scheduler.LoadTests.Measurement;

namespace Scheduler.LoadTests.Tests;

/// <summary>The parts that keep the tool cheap per request: tick wheel, shared time-outs, counters, JSON.</summary>
public sealed class RuntimePartsTests
{
    [Fact]
    public async Task The_tick_wheel_wakes_a_waiter_once_its_instant_has_passed_and_not_before()
    {
        var clock = new RunClock(TimeProvider.System);
        using var wheel = new TickWheel(clock, TimeSpan.FromMilliseconds(1));
        var at = clock.Now + 0.05;

        var waits = Enumerable.Range(0, 100).Select(_ => wheel.WaitUntil(at)).ToList();
        await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(clock.Now >= at);
        Assert.True(wheel.WaitUntil(clock.Now - 1).IsCompleted);
    }

    [Fact]
    public async Task Releasing_the_wheel_wakes_everyone_at_once()
    {
        var clock = new RunClock(TimeProvider.System);
        using var wheel = new TickWheel(clock, TimeSpan.FromMilliseconds(1));
        var far = wheel.WaitUntil(clock.Now + 600);

        wheel.ReleaseAll();

        await far.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(wheel.WaitUntil(clock.Now + 600).IsCompleted);
    }

    [Fact]
    public async Task Sleeping_through_the_clock_uses_the_wheel_and_cancellation_is_checked_after()
    {
        var clock = new RunClock(TimeProvider.System);
        using var wheel = new TickWheel(clock, TimeSpan.FromMilliseconds(1));
        clock.UseWheel(wheel);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => clock.WaitUntil(clock.Now - 1, cancel.Token));
        await clock.SleepUntil(clock.Now + 0.01, cancel.Token).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Requests_starting_within_the_same_tenth_of_a_second_share_one_time_out()
    {
        var clock = new RunClock(TimeProvider.System);
        using var run = new CancellationTokenSource();
        var buckets = new TimeoutBuckets(clock, TimeSpan.FromMilliseconds(200), run.Token);

        CancellationToken first, second;
        double before, after;
        do
        {
            before = clock.Now;
            first = buckets.Token();
            second = buckets.Token();
            after = clock.Now;
        }
        while ((long)(before / 0.1) != (long)(after / 0.1));

        await Task.Delay(150);
        var later = buckets.Token();

        Assert.Equal(first, second);
        Assert.NotEqual(first, later);
        Assert.False(first.IsCancellationRequested && clock.Now - before < 0.2);
        var fired = new TaskCompletionSource();
        using var registration = first.Register(() => fired.TrySetResult());
        await fired.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(clock.Now - before >= 0.2);
    }

    [Fact]
    public void Cutting_the_run_short_cancels_the_shared_time_outs()
    {
        var clock = new RunClock(TimeProvider.System);
        using var run = new CancellationTokenSource();
        var token = new TimeoutBuckets(clock, TimeSpan.FromMinutes(5), run.Token).Token();

        run.Cancel();

        Assert.True(token.IsCancellationRequested);
    }

    [Fact]
    public void Warm_up_requests_count_in_the_run_but_not_in_the_steady_figures()
    {
        var recorder = new RunRecorder { SteadyFrom = 10 };

        recorder.RecordRequest(RequestKind.Book, CallOutcome.SlotFull, intendedStart: 2, completedAt: 7);
        recorder.RecordRequest(RequestKind.Book, CallOutcome.Ok, intendedStart: 12, completedAt: 12.01);

        Assert.Equal(2, recorder.Latency(RequestKind.Book).Count);
        Assert.Equal(1, recorder.SteadyLatency(RequestKind.Book).Count);
        Assert.InRange(recorder.SteadyLatency(RequestKind.Book).PercentileMs(99), 9.9, 10.1);
        Assert.Equal(1, recorder.RequestCount(RequestKind.Book, CallOutcome.SlotFull));
        Assert.Equal(1, recorder.Timeline()[7].Count(RequestKind.Book, CallOutcome.SlotFull));
        Assert.Equal(new Dictionary<string, long> { ["book/ok"] = 1, ["book/slot-full"] = 1 }, recorder.RequestOutcomes);
    }

    [Fact]
    public void Only_the_first_failing_answer_of_a_kind_is_kept_as_a_sample()
    {
        var recorder = new RunRecorder();

        Assert.False(recorder.WantsErrorSample(RequestKind.Book, CallOutcome.Ok));
        Assert.True(recorder.WantsErrorSample(RequestKind.Book, CallOutcome.SlotFull));
        recorder.RecordErrorSample(RequestKind.Book, CallOutcome.SlotFull, 409, "first");
        recorder.RecordErrorSample(RequestKind.Book, CallOutcome.SlotFull, 409, "second");

        Assert.False(recorder.WantsErrorSample(RequestKind.Book, CallOutcome.SlotFull));
        Assert.True(recorder.WantsErrorSample(RequestKind.Search, CallOutcome.SlotFull));
        Assert.Equal("409: first", recorder.ErrorSamples["book/slot-full"]);
    }

    [Fact]
    public void Many_threads_recording_at_once_lose_nothing()
    {
        var histogram = new LatencyHistogram();

        Parallel.For(0, 100_000, i => histogram.Record((i % 100) / 1000.0));

        Assert.Equal(100_000, histogram.Count);
        Assert.InRange(histogram.PercentileMs(50), 48, 51);
    }

    [Theory]
    [InlineData("""{"type":"https://scheduler.migraciones.example/problems/slot-full","status":409}""", "slot-full")]
    [InlineData("""{"title":"x","alternatives":{"type":"nested"},"type":"https://x/problems/already-booked/"}""", "already-booked")]
    [InlineData("""{"type":"https://x/problems/something-new"}""", "something-new")]
    [InlineData("""{"title":"no type"}""", null)]
    [InlineData("""[1,2]""", null)]
    [InlineData("""not json""", null)]
    public void A_problem_is_named_by_the_last_segment_of_its_top_level_type(string body, string? name)
    {
        Assert.Equal(name, ApiResponse.ProblemName(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void Known_problem_names_come_back_as_the_shared_outcome_strings()
    {
        var name = ApiResponse.ProblemName("""{"type":"https://x/problems/slot-full"}"""u8);

        Assert.Same(CallOutcome.SlotFull, name);
    }

    [Fact]
    public void Booking_bodies_are_camel_case_without_nulls()
    {
        var body = new BookingRequest("cpp-biometrics", "lim-brena", "2026-11-27", "08:00", new ApplicantDetails("CE", "12345678", "VE", "Ana Rojas"));

        var json = JsonSerializer.Serialize(body, ApiJson.Default.BookingRequest);

        Assert.Equal(
            """{"procedure":"cpp-biometrics","officeId":"lim-brena","date":"2026-11-27","start":"08:00","applicant":{"documentType":"CE","documentNumber":"12345678","country":"VE","fullName":"Ana Rojas"}}""",
            json);
    }

    [Fact]
    public void A_slot_full_answer_reads_into_its_alternatives()
    {
        var response = ApiResponse.FromText(RequestKind.Book, 409, CallOutcome.SlotFull, """
            {"type":"https://x/problems/slot-full","status":409,"alternatives":{"sameOffice":[{"date":"2026-11-27","start":"08:20","end":"08:40","free":3}],
             "nearbyOffices":[{"officeId":"lim-carabaya","officeName":"Carabaya","distanceKm":2.1,"date":"2026-11-27","start":"08:00","end":"08:20","free":12}]}}
            """);

        var problem = response.Problem();

        Assert.Equal("slot-full", problem!.Name);
        Assert.Equal("08:20", problem.Alternatives!.SameOffice![0].Start);
        Assert.Equal("lim-carabaya", problem.Alternatives.NearbyOffices![0].OfficeId);
    }

    [Fact]
    public void The_first_open_day_skips_closed_weekdays_holidays_and_today_once_open()
    {
        var office = new OfficeProfileView(
            "lim-brena",
            new Dictionary<string, OpeningHoursView?>
            {
                ["monday"] = new("08:00", "17:00"),
                ["tuesday"] = new("08:00", "17:00"),
                ["saturday"] = new("08:00", "14:00"),
                ["sunday"] = null,
            },
            ["2026-11-30"]);

        // Saturday 28 Nov, 09:00 in Lima: today has opened, Sunday is closed, Monday 30 is a holiday.
        var pick = SlotChooser.FirstOpenSlot(office, new DateOnly(2026, 11, 28), ("2026-11-28", "09:00"));

        Assert.Equal(new SlotPick("lim-brena", "2026-12-01", "08:00", 0), pick);
    }

    [Fact]
    public void Before_opening_time_today_is_the_first_open_day()
    {
        var office = new OfficeProfileView("x", new Dictionary<string, OpeningHoursView?> { ["saturday"] = new("08:00", "14:00") }, []);

        var pick = SlotChooser.FirstOpenSlot(office, new DateOnly(2026, 11, 28), ("2026-11-28", "07:30"));

        Assert.Equal("2026-11-28", pick!.Date);
    }

    [Fact]
    public async Task Process_figures_cover_the_tool_itself_and_the_machine()
    {
        if (!ProcessWatch.Supported)
        {
            return; // needs Linux /proc
        }

        await using var watch = new ProcessWatch([], TimeSpan.FromMilliseconds(100));
        watch.StartWindow();
        // Burn 300 ms of CPU (not of wall time: on a busy machine this thread may get far less than the wall clock).
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        var cpuAtStart = self.TotalProcessorTime;
        while (self.TotalProcessorTime - cpuAtStart < TimeSpan.FromMilliseconds(300))
        {
            self.Refresh();
        }

        watch.EndWindow();
        var figures = watch.Figures();

        var tool = Assert.Single(figures.Processes);
        Assert.Equal("load tool", tool.Name);
        Assert.Equal(Environment.ProcessId, tool.Pids[0]);
        Assert.True(tool.PeakRssMb > 10);
        Assert.InRange(tool.CpuSeconds, 0.1, 5);
        Assert.NotNull(figures.Machine);
        Assert.True(figures.Machine!.BusyCores >= tool.Cores - 0.2);
    }
}
