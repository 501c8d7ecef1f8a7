using System.Globalization;
using Scheduler.LoadTests.Http;
using Scheduler.LoadTests.Measurement;
using Scheduler.LoadTests.Metrics;

namespace Scheduler.LoadTests.Reporting;

/// <summary>
/// The figures a booking benchmark leads with, over the steady window (<see cref="FromSecond"/> to
/// <see cref="ToSecond"/>): durable bookings (201 answers) per second and their latency, storage
/// transactions' rows at the server, and the 201 rate in the first, middle and last third of the
/// window. Refusals (409), other answers and unanswered requests are counted beside them.
/// </summary>
public sealed record BookingFigures
{
    private static readonly string BookOk = Key(CallOutcome.Ok);
    private static readonly string[] Refusals = [Key(CallOutcome.SlotFull), Key(CallOutcome.AlreadyBooked), Key(CallOutcome.Conflict)];
    private static readonly string[] Unanswered = [Key(CallOutcome.Timeout), Key(CallOutcome.ConnectionError)];
    private static readonly string BookPrefix = RequestKind.Book.Name() + "/";

    public required int FromSecond { get; init; }
    public required int ToSecond { get; init; }

    /// <summary>201 answers completed in the steady window.</summary>
    public required long Booked { get; init; }

    /// <summary>201 answers per second of the steady window: durable bookings per second.</summary>
    public required double BookedPerSecond { get; init; }

    /// <summary>Latency of the 201 answers meant to start after the warm-up.</summary>
    public required double BookedP50Ms { get; init; }

    public required double BookedP99Ms { get; init; }

    /// <summary>409 answers of any kind per second (slot-full, already-booked and other conflicts).</summary>
    public required double RefusedPerSecond { get; init; }

    public required double SlotFullPerSecond { get; init; }

    public required double AlreadyBookedPerSecond { get; init; }

    /// <summary>Booking answers other than 201 and 409 (429, 503, 4xx, 5xx) per second.</summary>
    public required double OtherAnswersPerSecond { get; init; }

    /// <summary>Booking requests without an answer (time-outs, connection errors) per second.</summary>
    public required double UnansweredPerSecond { get; init; }

    /// <summary>Booking requests completed (answered or not) per second.</summary>
    public required double RequestsPerSecond { get; init; }

    public required IReadOnlyList<SteadyThird> Thirds { get; init; }

    /// <summary>Journal rows per storage transaction at the server during the run; null when the target does not export it.</summary>
    public HistogramDelta? RowsPerTransaction { get; init; }

    /// <summary>201 answers in one second of the timeline.</summary>
    public static long BookedIn(SecondSummary s) => s.Outcomes.GetValueOrDefault(BookOk);

    /// <summary>409 answers to bookings in one second of the timeline.</summary>
    public static long RefusedIn(SecondSummary s) => Refusals.Sum(k => (long)s.Outcomes.GetValueOrDefault(k));

    /// <summary>
    /// The figures of the steady window [<paramref name="firstSecond"/>, <paramref name="lastSecond"/>) of
    /// <paramref name="timeline"/>; null when the run sent no booking request.
    /// </summary>
    public static BookingFigures? From(
        IReadOnlyList<SecondSummary> timeline, int firstSecond, int lastSecond, LatencySummary steadyBooked, HistogramDelta? rowsPerTransaction)
    {
        if (!timeline.Any(t => t.Outcomes.Keys.Any(k => k.StartsWith(BookPrefix, StringComparison.Ordinal))))
        {
            return null;
        }

        var seconds = Math.Max(0, lastSecond - firstSecond);
        var window = timeline.Where(t => t.Second >= firstSecond && t.Second < lastSecond).ToList();
        long Count(Func<string, bool> which) => window.Sum(t => t.Outcomes.Where(kv => which(kv.Key)).Sum(kv => (long)kv.Value));
        double PerSecond(long count) => seconds > 0 ? count / (double)seconds : 0;
        static bool IsBook(string key) => key.StartsWith(BookPrefix, StringComparison.Ordinal);

        var booked = Count(k => k == BookOk);
        var refused = Count(k => Refusals.Contains(k));
        var unanswered = Count(k => Unanswered.Contains(k));
        var requests = Count(IsBook);
        return new BookingFigures
        {
            FromSecond = firstSecond,
            ToSecond = lastSecond,
            Booked = booked,
            BookedPerSecond = PerSecond(booked),
            BookedP50Ms = steadyBooked.P50Ms,
            BookedP99Ms = steadyBooked.P99Ms,
            RefusedPerSecond = PerSecond(refused),
            SlotFullPerSecond = PerSecond(Count(k => k == Key(CallOutcome.SlotFull))),
            AlreadyBookedPerSecond = PerSecond(Count(k => k == Key(CallOutcome.AlreadyBooked))),
            OtherAnswersPerSecond = PerSecond(requests - booked - refused - unanswered),
            UnansweredPerSecond = PerSecond(unanswered),
            RequestsPerSecond = PerSecond(requests),
            Thirds = SteadyThird.Of(timeline, firstSecond, lastSecond),
            RowsPerTransaction = rowsPerTransaction,
        };
    }

    /// <summary>The leading lines of every report (console, markdown, html), most important first.</summary>
    public IReadOnlyList<string> Lines()
    {
        var lines = new List<string>
        {
            F($"durable bookings: {BookedPerSecond:#,0} 201s/s in the steady window {FromSecond}-{ToSecond} s ({Booked:#,0} in it); 201 latency p50 {BookedP50Ms:0.0} ms, p99 {BookedP99Ms:0.0} ms"),
            RowsPerTransaction switch
            {
                null => "rows per transaction at the server: not exported by the target (no scheduler_journal_rows_per_transaction in /metrics)",
                { Count: <= 0 } => "rows per transaction at the server: no journal transaction during the run",
                { } r => F($"rows per transaction at the server: mean {r.Mean:0.0} ({r.Sum:#,0} rows in {r.Count:#,0} transactions, whole run); by buckets, p50 {AtMost(r.P50)}, p99 {AtMost(r.P99)}"),
            },
            "201s/s by third of the steady window: " + string.Join("; ", Thirds.Select((t, i) => F(
                $"{ThirdName(i)} ({t.FromSecond}-{t.ToSecond} s) {t.BookedPerSecond:#,0} of {t.OfferedPerSecond:#,0} arrivals/s offered, 409s {t.RefusedPerSecond:#,0}/s"))),
            F($"beside them: 409s {RefusedPerSecond:#,0}/s (slot-full {SlotFullPerSecond:#,0}/s, already-booked {AlreadyBookedPerSecond:#,0}/s), other answers {OtherAnswersPerSecond:#,0}/s, unanswered {UnansweredPerSecond:#,0}/s; booking requests {RequestsPerSecond:#,0}/s"),
        };
        return lines;
    }

    private static string AtMost(double bound) =>
        double.IsPositiveInfinity(bound) ? "above the largest bucket" : F($"<= {bound:#,0.##}");

    private static string ThirdName(int index) => index switch
    {
        0 => "first",
        1 => "middle",
        _ => "last",
    };

    private static string Key(string outcome) => $"{RequestKind.Book.Name()}/{outcome}";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
