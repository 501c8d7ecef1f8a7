using System.Globalization;
using Scheduler.Contracts;
using Scheduler.Grains.State;

namespace Scheduler.FaultTests.Infrastructure;

/// <summary>
/// The checks every fault test ends with: acknowledged bookings are readable by their owners and held by their
/// day (roster and stored state), and no slot holds more active appointments than it has seats.
/// </summary>
public static class InvariantChecks
{
    private static readonly TimeSpan ReadPatience = TimeSpan.FromSeconds(60);

    /// <summary>Invariant 2 over HTTP: every 2xx booking reads back, booked, at the slot it was given.</summary>
    public static async Task AcknowledgedBookingsAreReadableAsync(SchedulerApi api, IReadOnlyList<Uri> fronts, IEnumerable<BookingAttempt> attempts)
    {
        var acknowledged = attempts.Where(a => a.Acknowledged).ToArray();
        var missing = new List<string>();
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(acknowledged.Select(async (attempt, i) =>
        {
            await gate.WaitAsync();
            try
            {
                var front = fronts[i % fronts.Count];
                var read = await SchedulerApi.PatientlyAsync(
                    () => api.GetAppointmentAsync(front, attempt.Code!, attempt.Booking.DocumentNumber), ReadPatience);
                var target = attempt.Booking.Target;
                if (read is null || read.Status != "booked" || read.OfficeId != target.OfficeId ||
                    read.Date != SchedulerApi.Format(target.Date) || read.Start != attempt.Start)
                {
                    lock (missing)
                    {
                        missing.Add($"{attempt} reads back as {(read is null ? "404" : read.ToString())}");
                    }
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Length} acknowledged bookings are lost:\n{string.Join('\n', missing.Take(20))}");
    }

    /// <summary>Invariant 1 through the operator roster, and every acknowledged booking of that day on it.</summary>
    public static async Task<RosterView> RosterHoldsAcknowledgedWithinCapacityAsync(
        SchedulerApi api, Uri front, string officeId, DateOnly date, IEnumerable<BookingAttempt> attempts, string procedure = BookingTarget.Biometrics)
    {
        var roster = await SchedulerApi.PatientlyAsync(() => api.GetRosterAsync(front, officeId, date), ReadPatience);
        var slots = roster.For(procedure).Slots;
        foreach (var slot in slots)
        {
            var active = slot.Appointments.Count(a => a.Status is "booked" or "checked-in");
            Assert.True(slot.Booked <= slot.Capacity && active <= slot.Capacity,
                $"{officeId} {SchedulerApi.Format(date)} {slot.Start}: {slot.Booked} booked ({active} active listed) for {slot.Capacity} seats");
        }

        var listed = slots.SelectMany(s => s.Appointments.Where(a => a.Status == "booked").Select(a => (a.Code, s.Start))).ToHashSet();
        var absent = attempts
            .Where(a => a.Acknowledged && a.Booking.Target.OfficeId == officeId && a.Booking.Target.Date == date && a.Booking.Target.Procedure == procedure)
            .Where(a => !listed.Contains((a.Code!, a.Start!)))
            .ToArray();
        Assert.True(absent.Length == 0, $"{absent.Length} acknowledged bookings are not on the roster of {officeId} {SchedulerApi.Format(date)}:\n" +
            string.Join('\n', absent.Take(20)));
        return roster;
    }

    /// <summary>
    /// Invariant 8: what applicants see is true. Reads every day's roster (the seats' truth, through the operator API) and
    /// its availability through every front door, round after round, and answers as soon as, for every slot, capacity
    /// minus free equals the active appointments listed. Right after a fault the reads may not answer (a silo not yet
    /// declared dead), which says nothing about what is shown: the <paramref name="within"/> bound counts from the first
    /// round in which every read answered, and that round must come within <paramref name="answerPatience"/>.
    /// A day the availability leaves out (it lists only days with a free seat) counts as sold out.
    /// </summary>
    /// <returns>When every read first answered, and when what they showed was first true, from the call.</returns>
    public static async Task<(TimeSpan Answered, TimeSpan True)> AvailabilityMatchesRostersAsync(
        SchedulerApi api, IReadOnlyList<Uri> fronts, IReadOnlyCollection<(string OfficeId, DateOnly Date)> days, TimeSpan within,
        TimeSpan answerPatience, string procedure = BookingTarget.Biometrics)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan? answered = null;
        var differences = new List<string>();
        while (true)
        {
            differences.Clear();
            var unanswered = 0;
            foreach (var (officeId, date) in days)
            {
                try
                {
                    var roster = (await api.GetRosterAsync(fronts[0], officeId, date)).For(procedure);
                    foreach (var front in fronts)
                    {
                        var shown = (await api.GetAvailabilityAsync(front, officeId, date, date, procedure)).Days.SingleOrDefault(d => d.Date == SchedulerApi.Format(date));
                        foreach (var slot in roster.Slots)
                        {
                            var active = slot.Appointments.Count(a => a.Status is "booked" or "checked-in");
                            var seen = shown?.Slots.SingleOrDefault(s => s.Start == slot.Start) ?? new AvailabilityView.Slot(slot.Start, slot.End, slot.Capacity, 0);
                            if (seen.Capacity != slot.Capacity || seen.Capacity - seen.Free != active)
                            {
                                differences.Add($"{officeId} {SchedulerApi.Format(date)} {slot.Start} via {front.Port}: shows {seen.Capacity - seen.Free} taken of {seen.Capacity}, roster {active} of {slot.Capacity}");
                            }
                        }
                    }
                }
                catch (Exception failure) when (failure is HttpRequestException or OperationCanceledException or UnavailableException)
                {
                    unanswered++;
                    differences.Add($"{officeId} {SchedulerApi.Format(date)}: no answer ({failure.GetType().Name})");
                }
            }

            answered ??= unanswered == 0 ? clock.Elapsed : null;
            if (differences.Count == 0)
            {
                return (answered!.Value, clock.Elapsed);
            }

            if (answered is null ? clock.Elapsed > answerPatience : clock.Elapsed - answered.Value > within)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        Assert.Fail(answered is null
            ? $"availability or rosters did not answer within {answerPatience.TotalSeconds:0} s:\n{string.Join('\n', differences.Take(20))}"
            : $"availability differs from the rosters {within.TotalSeconds:0} s after every read answered ({differences.Count} slots):\n{string.Join('\n', differences.Take(20))}");
        return default;
    }

    /// <summary>
    /// Invariants 1 and 2 in the database: each acknowledged booking is in its day's stored state, active, at its slot;
    /// and no stored slot holds more active appointments than the roster's capacity for it.
    /// </summary>
    public static void StoredStateHoldsAcknowledgedWithinCapacity(
        IReadOnlyDictionary<string, DayInventoryState> stored, IEnumerable<BookingAttempt> attempts, IEnumerable<RosterView> rosters,
        string procedure = BookingTarget.Biometrics)
    {
        var lost = new List<string>();
        foreach (var attempt in attempts.Where(a => a.Acknowledged))
        {
            var key = attempt.Booking.Target.DayKey;
            var appointment = stored.TryGetValue(key, out var state) ? state.Appointments.FirstOrDefault(a => a.Code == attempt.Code) : null;
            if (appointment is not { IsActive: true } || Format(appointment.Start) != attempt.Start)
            {
                lost.Add($"{attempt}: stored as {(appointment is null ? "nothing" : $"{appointment.Status} at {Format(appointment.Start)}")}");
            }
        }

        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged bookings are not in the database:\n{string.Join('\n', lost.Take(20))}");

        foreach (var roster in rosters)
        {
            var key = new BookingTarget(roster.OfficeId, DateOnly.ParseExact(roster.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture), null, procedure).DayKey;
            if (!stored.TryGetValue(key, out var state))
            {
                continue;
            }

            foreach (var slot in roster.For(procedure).Slots)
            {
                var active = state.Appointments.Count(a => a.IsActive && Format(a.Start) == slot.Start);
                Assert.True(active <= slot.Capacity, $"stored {key} {slot.Start}: {active} active appointments for {slot.Capacity} seats");
            }

            var duplicates = state.Appointments.Where(a => a.IsActive).GroupBy(a => a.Applicant.Identity).Where(g => g.Count() > 1).ToArray();
            Assert.True(duplicates.Length == 0, $"stored {key}: applicants with two active seats: {string.Join(", ", duplicates.Select(d => d.Key))}");
        }
    }

    private static string Format(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
