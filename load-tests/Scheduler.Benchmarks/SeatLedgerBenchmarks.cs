using BenchmarkDotNet.Attributes;
using Scheduler.Contracts;
using Scheduler.Domain;

namespace Scheduler.Benchmarks;

/// <summary>
/// What one booking costs a day inventory in memory, on an empty day and on a day that already holds 17,999 of
/// its 18,000 seats (36 slots of 20 minutes x 500 counters, the benchmarks' hot office). A booking that takes a
/// seat is rolled back, so every iteration meets the same day. The cost must not grow with the day's bookings.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class SeatLedgerBenchmarks
{
    private static readonly DateOnly Date = new(2026, 12, 7);
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly BookingClock Clock = new(Date.AddDays(-6), new TimeOnly(12, 0), 56);

    private SeatLedger ledger = null!;
    private SeatRequest fresh = null!;
    private SeatRequest retry = null!;

    [Params(0, 17_999)]
    public int Held { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var slots = Enumerable.Range(0, 36)
            .Select(i => new SlotPlan(new TimeOnly(7, 0).AddMinutes(20 * i), new TimeOnly(7, 0).AddMinutes(20 * (i + 1)), 500))
            .ToArray();
        ledger = new SeatLedger(new DayPlan("lim-brena", "cpp-biometrics", Date, slots), []);
        for (var i = 0; i < Held; i++)
        {
            ledger.Take(Request($"H{i:D7}", $"{10_000_000 + i}"), Clock, Now).Change!.Commit();
        }

        fresh = Request("NEW-CODE", "99999999");
        retry = Held > 0 ? Request("RETRY", $"{10_000_000 + Held - 1}") : Request("RETRY", "99999998");
    }

    /// <summary>A new applicant takes the earliest free seat (and gives it back, so the day stays as it was).</summary>
    [Benchmark]
    public SeatResult Book_a_new_applicant()
    {
        var (result, _, change, _) = ledger.Take(fresh, Clock, Now);
        change?.Rollback();
        return result;
    }

    /// <summary>An applicant asks again under another code (a lost answer): found among the day's bookings.</summary>
    [Benchmark]
    public SeatResult Book_an_applicant_who_already_holds_a_seat()
    {
        var (result, _, change, _) = ledger.Take(retry, Clock, Now);
        change?.Rollback();
        return result;
    }

    /// <summary>What the office is told after a change: every slot with its free seats.</summary>
    [Benchmark]
    public DayAvailability Availability() => ledger.Availability();

    private static SeatRequest Request(string code, string number) =>
        new(code, new ApplicantDetails(new ApplicantIdentity("CPP", number, "VE"), "Benchmark Applicant", null, null), null, [], "applicant");
}
