using System.Diagnostics;

namespace Scheduler.FaultTests.Infrastructure;

/// <summary>
/// An open-loop surge: bookings leave on a fixed schedule spread evenly over a period, whether or not earlier ones
/// were answered (as applicants do), alternating between the front doors.
/// </summary>
public static class BookingSurge
{
    public static async Task<IReadOnlyList<BookingAttempt>> RunAsync(
        SchedulerApi api, IReadOnlyList<Uri> fronts, IReadOnlyList<PlannedBooking> plan, TimeSpan spread, Stopwatch clock, TimeSpan requestTimeout)
    {
        var sent = new Task<BookingAttempt>[plan.Count];
        var origin = clock.Elapsed;
        var next = 0;
        while (next < plan.Count)
        {
            var now = clock.Elapsed - origin;
            while (next < plan.Count && Due(next) <= now)
            {
                var booking = plan[next];
                var front = fronts[next % fronts.Count];
                sent[next] = Task.Run(() => api.BookAsync(front, booking, clock, requestTimeout));
                next++;
            }

            if (next < plan.Count)
            {
                var wait = Due(next) - (clock.Elapsed - origin);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
            }
        }

        return await Task.WhenAll(sent);

        TimeSpan Due(int index) => spread * index / plan.Count;
    }

    /// <summary>
    /// Applicants <c>{series}{000000..}</c> (9-digit CPP numbers, unique per series) spread round-robin over the targets.
    /// </summary>
    public static IReadOnlyList<PlannedBooking> Plan(int series, int count, IReadOnlyList<BookingTarget> targets) =>
        Enumerable.Range(0, count)
            .Select(i => new PlannedBooking($"{series:D3}{i:D6}", targets[i % targets.Count]))
            .ToArray();
}
