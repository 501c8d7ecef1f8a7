using System.Diagnostics;

namespace Scheduler.FaultTests.Infrastructure;

/// <summary>
/// Measures when a cluster serves bookings again after a fault: every <see cref="Interval"/> a round of new
/// applicants books at several offices (so their grains land on different silos); the cluster has recovered
/// from the first round of the unbroken run of fully successful rounds that ends the probe.
/// </summary>
public sealed class RecoveryProbe(SchedulerApi api, IReadOnlyList<Uri> fronts, IReadOnlyList<BookingTarget> targets, int series)
{
    private int applicants;

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Fully successful rounds in a row that end the probe.</summary>
    public int Streak { get; init; } = 4;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Probes from now until a streak or until <paramref name="limit"/> has passed.</summary>
    public async Task<RecoveryResult> RunAsync(Stopwatch clock, TimeSpan limit)
    {
        var rounds = new List<Task<ProbeRound>>();
        var origin = clock.Elapsed;
        while (clock.Elapsed - origin < limit)
        {
            rounds.Add(RoundAsync(clock));
            var answered = rounds.TakeWhile(r => r.IsCompleted).Select(r => r.Result).ToArray();
            if (answered.Length >= Streak && answered[^Streak..].All(r => r.AllBooked))
            {
                break;
            }

            await Task.Delay(Interval);
        }

        var all = await Task.WhenAll(rounds);
        var firstOfStreak = all.Length;
        while (firstOfStreak > 0 && all[firstOfStreak - 1].AllBooked)
        {
            firstOfStreak--;
        }

        return new RecoveryResult(all, firstOfStreak < all.Length ? all[firstOfStreak].SentAt : null);
    }

    private async Task<ProbeRound> RoundAsync(Stopwatch clock)
    {
        var sentAt = clock.Elapsed;
        var attempts = targets.Select(target =>
        {
            var number = Interlocked.Increment(ref applicants);
            return api.BookAsync(fronts[number % fronts.Count], new PlannedBooking($"{series:D3}{number:D6}", target), clock, RequestTimeout);
        }).ToArray();
        return new ProbeRound(sentAt, await Task.WhenAll(attempts));
    }
}
