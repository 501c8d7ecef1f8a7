using Scheduler.LoadTests.Measurement;
using Scheduler.LoadTests.Metrics;
using Scheduler.LoadTests.Reporting;

namespace Scheduler.LoadTests.Tests;

/// <summary>The figures a booking benchmark leads with: 201s/s, their latency, rows per transaction, thirds.</summary>
public sealed class BookingFiguresTests
{
    private static readonly LatencySummary Steady201 = new(100, 5, 4.5, 9, 42.4, 60, 80, 1);

    /// <summary>A second of the timeline with these booking answers (and one search, which never counts).</summary>
    private static SecondSummary Second(int second, int offered, int ok, int slotFull = 0, int alreadyBooked = 0, int unavailable = 0, int timeout = 0)
    {
        var outcomes = new Dictionary<string, int> { ["search/ok"] = 1 };
        foreach (var (key, n) in new[] { ("book/ok", ok), ("book/slot-full", slotFull), ("book/already-booked", alreadyBooked), ("book/unavailable", unavailable), ("book/timeout", timeout) })
        {
            if (n > 0)
            {
                outcomes[key] = n;
            }
        }

        return new SecondSummary(second, offered, offered, 0, outcomes.Values.Sum(), ok, 1, 2, 3, outcomes);
    }

    [Fact]
    public void The_steady_window_is_cut_into_thirds_by_whole_seconds()
    {
        Assert.Equal([(30, 50), (50, 70), (70, 90)], SteadyThird.Of([], 30, 90).Select(t => (t.FromSecond, t.ToSecond)));
        Assert.Equal([(0, 3), (3, 7), (7, 10)], SteadyThird.Of([], 0, 10).Select(t => (t.FromSecond, t.ToSecond)));
        Assert.Equal([(5, 5), (5, 5), (5, 5)], SteadyThird.Of([], 5, 5).Select(t => (t.FromSecond, t.ToSecond)));
    }

    [Fact]
    public void Each_third_gives_its_own_201_rate_beside_the_arrivals_offered_and_the_409s()
    {
        // 6 s window 10..16: 100 201s/s at first, 40/s at the end while 409s appear (days filling).
        var timeline = Enumerable.Range(0, 20).Select(s => s switch
        {
            < 12 => Second(s, 120, 100),
            < 14 => Second(s, 120, 70, slotFull: 10),
            _ => Second(s, 120, 40, slotFull: 30, alreadyBooked: 2),
        }).ToList();

        var thirds = SteadyThird.Of(timeline, 10, 16);

        Assert.Equal([100.0, 70, 40], thirds.Select(t => t.BookedPerSecond));
        Assert.Equal([0.0, 10, 32], thirds.Select(t => t.RefusedPerSecond));
        Assert.All(thirds, t => Assert.Equal(120, t.OfferedPerSecond));
    }

    [Fact]
    public void Durable_bookings_per_second_count_only_201s_in_the_steady_window_and_the_rest_is_reported_beside_them()
    {
        // Warm-up seconds 0-1 (not counted), steady window 2..6 (4 s), drain second 6 (not counted).
        SecondSummary[] timeline =
        [
            Second(0, 10, 1000), Second(1, 10, 1000),
            Second(2, 50, 40, slotFull: 4, unavailable: 2), Second(3, 50, 40, alreadyBooked: 4, timeout: 1),
            Second(4, 50, 40), Second(5, 50, 40, slotFull: 4),
            Second(6, 0, 1000),
        ];
        var rows = new HistogramDelta(ServerMetrics.JournalRowsPerTransaction, 20, 160, 7.5, 12, 15.8);

        var figures = BookingFigures.From(timeline, 2, 6, Steady201, rows)!;

        Assert.Equal(160, figures.Booked);
        Assert.Equal(40, figures.BookedPerSecond);
        Assert.Equal((4.5, 42.4), (figures.BookedP50Ms, figures.BookedP99Ms));
        Assert.Equal(3, figures.RefusedPerSecond);
        Assert.Equal(2, figures.SlotFullPerSecond);
        Assert.Equal(1, figures.AlreadyBookedPerSecond);
        Assert.Equal(0.5, figures.OtherAnswersPerSecond);
        Assert.Equal(0.25, figures.UnansweredPerSecond);
        Assert.Equal(43.75, figures.RequestsPerSecond);
        Assert.Equal(8, figures.RowsPerTransaction!.Mean);
        Assert.Equal(3, figures.Thirds.Count);
    }

    [Fact]
    public void A_run_without_booking_requests_has_no_booking_figures()
    {
        var searchesOnly = new SecondSummary(0, 1, 1, 0, 1, 0, 1, 1, 1, new Dictionary<string, int> { ["search/ok"] = 1, ["availability/ok"] = 1 });

        Assert.Null(BookingFigures.From([searchesOnly], 0, 1, Steady201, null));
    }

    [Fact]
    public void The_report_lines_lead_with_201s_per_second_then_rows_per_transaction_then_thirds_and_put_409s_beside()
    {
        var timeline = Enumerable.Range(30, 60).Select(s => Second(s, 3000, s < 50 ? 2400 : s < 70 ? 2100 : 1500, slotFull: s < 70 ? 0 : 600)).ToList();
        var rows = new HistogramDelta(ServerMetrics.JournalRowsPerTransaction, 4000, 126_000, 25, 100, double.PositiveInfinity);

        var lines = BookingFigures.From(timeline, 30, 90, Steady201, rows)!.Lines();

        Assert.Equal(4, lines.Count);
        Assert.Equal("durable bookings: 2,000 201s/s in the steady window 30-90 s (120,000 in it); 201 latency p50 4.5 ms, p99 42.4 ms", lines[0]);
        Assert.Equal("rows per transaction at the server: mean 31.5 (126,000 rows in 4,000 transactions, whole run); by buckets, p50 <= 25, p99 above the largest bucket", lines[1]);
        Assert.Equal(
            "201s/s by third of the steady window: first (30-50 s) 2,400 of 3,000 arrivals/s offered, 409s 0/s; middle (50-70 s) 2,100 of 3,000 arrivals/s offered, 409s 0/s; "
            + "last (70-90 s) 1,500 of 3,000 arrivals/s offered, 409s 600/s",
            lines[2]);
        Assert.Equal("beside them: 409s 200/s (slot-full 200/s, already-booked 0/s), other answers 0/s, unanswered 0/s; booking requests 2,200/s", lines[3]);
    }

    [Fact]
    public void Rows_per_transaction_say_so_when_the_target_does_not_export_them_or_committed_nothing()
    {
        SecondSummary[] timeline = [Second(0, 1, 1)];

        var missing = BookingFigures.From(timeline, 0, 1, Steady201, null)!.Lines()[1];
        var idle = BookingFigures.From(timeline, 0, 1, Steady201, new HistogramDelta(ServerMetrics.JournalRowsPerTransaction, 0, 0, 0, 0, 0))!.Lines()[1];

        Assert.Contains("not exported", missing, StringComparison.Ordinal);
        Assert.Contains("no journal transaction", idle, StringComparison.Ordinal);
    }
}
