using System.Globalization;
using Scheduler.LoadTests.Contract;

namespace Scheduler.LoadTests.Journeys;

/// <summary>
/// How an applicant picks among what the API offers: a day sooner is worth <c>kmPerDay</c> km of travel;
/// anything farther than <c>maxTravelKm</c> is taken only when nothing nearer exists.
/// </summary>
public static class SlotChooser
{
    /// <summary>Days from <paramref name="today"/> to an API date (large when unreadable, so it loses).</summary>
    public static int DaysFrom(DateOnly today, string date) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.DayNumber - today.DayNumber
            : 10_000;

    /// <summary>The trade-off score; lower is better.</summary>
    public static double Score(DateOnly today, string date, double distanceKm, double kmPerDay) =>
        Math.Max(0, DaysFrom(today, date)) + (distanceKm / kmPerDay);

    /// <summary>Whether <paramref name="date"/> is no later than the last day an applicant accepts (null: any day is).</summary>
    public static bool InTime(DateOnly today, string date, int? latestDaysAhead) =>
        latestDaysAhead is not { } latest || DaysFrom(today, date) <= latest;

    /// <summary>The last date of a window of <paramref name="days"/> from <paramref name="from"/>, cut at the last day accepted.</summary>
    public static DateOnly WindowEnd(DateOnly today, DateOnly from, int days, int? latestDaysAhead)
    {
        var end = from.AddDays(days - 1);
        return latestDaysAhead is { } latest && today.AddDays(latest) < end ? today.AddDays(latest) : end;
    }

    /// <summary>The best office from an "earliest near me" answer.</summary>
    public static SlotPick? FromEarliest(IReadOnlyList<EarliestSlot> offers, DateOnly today, double kmPerDay, double maxTravelKm, IReadOnlySet<string> exhaustedOffices)
    {
        var usable = offers.Where(o => o.Free > 0 && !exhaustedOffices.Contains(o.OfficeId)).ToList();
        if (usable.Count == 0)
        {
            return null;
        }

        var near = usable.Where(o => o.DistanceKm <= maxTravelKm).ToList();
        var pool = near.Count > 0 ? near : usable;
        var best = pool.MinBy(o => Score(today, o.Date, o.DistanceKm, kmPerDay))!;
        return new SlotPick(best.OfficeId, best.Date, best.Start, best.DistanceKm);
    }

    /// <summary>
    /// A free, untried slot at the office on the first day on or after <paramref name="fromDate"/> that
    /// has one, skipping slots that have begun by <paramref name="localNow"/> (office-local "yyyy-MM-dd", "HH:mm").
    /// <paramref name="slotChoice"/>: <c>earliest</c>, <c>early-random</c> (one of the first four) or <c>random</c>.
    /// </summary>
    public static SlotPick? FromAvailability(
        AvailabilityView view, string fromDate, double distanceKm, string slotChoice, Random random, IReadOnlySet<string> tried, (string Date, string Time) localNow)
    {
        foreach (var day in (view.Days ?? []).Where(d => string.CompareOrdinal(d.Date, fromDate) >= 0).OrderBy(d => d.Date, StringComparer.Ordinal))
        {
            if (string.CompareOrdinal(day.Date, localNow.Date) < 0)
            {
                continue;
            }

            var today = day.Date == localNow.Date;
            var free = (day.Slots ?? [])
                .Where(s => s.Free > 0 && !(today && string.CompareOrdinal(s.Start, localNow.Time) <= 0))
                .OrderBy(s => s.Start, StringComparer.Ordinal)
                .Select(s => new SlotPick(view.OfficeId, day.Date, s.Start, distanceKm))
                .Where(p => !tried.Contains(p.Key))
                .ToList();
            if (free.Count == 0)
            {
                continue;
            }

            return slotChoice switch
            {
                "earliest" => free[0],
                "random" => free[random.Next(free.Count)],
                _ => free[random.Next(Math.Min(4, free.Count))],
            };
        }

        return null;
    }

    /// <summary>
    /// The first slot of the first open day on or after <paramref name="from"/>, from the office's opening
    /// hours and holidays, whether or not it still has a free seat (days with nothing free do not show in
    /// availability answers). Today counts only before it opens (<paramref name="localNow"/>, office-local).
    /// Looks 60 days ahead at most.
    /// </summary>
    public static SlotPick? FirstOpenSlot(OfficeProfileView office, DateOnly from, (string Date, string Time) localNow)
    {
        var holidays = new HashSet<string>(office.Holidays ?? [], StringComparer.Ordinal);
        var hours = new Dictionary<string, OpeningHoursView?>(office.WeeklyHours ?? [], StringComparer.OrdinalIgnoreCase);
        for (var day = from; day < from.AddDays(60); day = day.AddDays(1))
        {
            var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (string.CompareOrdinal(date, localNow.Date) < 0 || holidays.Contains(date)
                || !hours.TryGetValue(day.DayOfWeek.ToString(), out var open) || open is null
                || string.CompareOrdinal(open.Open, open.Close) >= 0)
            {
                continue;
            }

            if (date == localNow.Date && string.CompareOrdinal(open.Open, localNow.Time) <= 0)
            {
                continue;
            }

            return new SlotPick(office.Id, date, open.Open, 0);
        }

        return null;
    }

    /// <summary>
    /// The first <paramref name="count"/> open days on or after <paramref name="from"/>, as seats to ask for
    /// at <paramref name="officeId"/>: each day's <paramref name="days"/> entry gives its first slot. Days before
    /// the office-local <paramref name="localNow"/> are skipped, and today counts only before its first slot begins.
    /// </summary>
    public static IReadOnlyList<SlotPick> FirstOpenDays(
        IEnumerable<(string Date, string FirstStart)> days, string officeId, DateOnly from, (string Date, string Time) localNow, int count)
    {
        var first = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return days
            .Where(d => string.CompareOrdinal(d.Date, first) >= 0 && string.CompareOrdinal(d.Date, localNow.Date) >= 0)
            .Where(d => !(d.Date == localNow.Date && string.CompareOrdinal(d.FirstStart, localNow.Time) <= 0))
            .DistinctBy(d => d.Date)
            .OrderBy(d => d.Date, StringComparer.Ordinal)
            .Take(count)
            .Select(d => new SlotPick(officeId, d.Date, d.FirstStart, 0))
            .ToList();
    }

    /// <summary>The days of an availability answer that have a free seat, each with its first free slot.</summary>
    public static IEnumerable<(string Date, string FirstStart)> FreeDays(AvailabilityView view) =>
        (view.Days ?? [])
            .Select(d => (d.Date, First: (d.Slots ?? []).Where(s => s.Free > 0).Select(s => s.Start).Order(StringComparer.Ordinal).FirstOrDefault()))
            .Where(d => d.First is not null)
            .Select(d => (d.Date, d.First!));

    /// <summary>A <c>direct-book</c> applicant's first seat: one of <paramref name="picks"/>, uniformly; null when there is none.</summary>
    public static SlotPick? DirectPick(IReadOnlyList<SlotPick> picks, Random random) => picks.Count switch
    {
        0 => null,
        1 => picks[0],
        _ => picks[random.Next(picks.Count)],
    };

    /// <summary>
    /// The best untried alternative from a slot-full answer. Same-office alternatives are <paramref name="currentDistanceKm"/>
    /// from home; a nearby office's distance from home comes from <paramref name="homeDistance"/> when known.
    /// With <paramref name="preferSameOffice"/> (an applicant set on one office) other offices are a last resort.
    /// </summary>
    public static SlotPick? FromAlternatives(
        SlotAlternatives? alternatives,
        string currentOfficeId,
        double currentDistanceKm,
        Func<string, double?> homeDistance,
        DateOnly today,
        double kmPerDay,
        double maxTravelKm,
        IReadOnlySet<string> tried,
        bool preferSameOffice,
        string slotChoice = "earliest",
        Random? random = null)
    {
        if (alternatives is null)
        {
            return null;
        }

        var same = (alternatives.SameOffice ?? [])
            .Where(a => a.Free > 0)
            .Select(a => new SlotPick(currentOfficeId, a.Date, a.Start, currentDistanceKm))
            .Where(p => !tried.Contains(p.Key))
            .ToList();
        var nearby = (alternatives.NearbyOffices ?? [])
            .Where(a => a.Free > 0)
            .Select(a => new SlotPick(a.OfficeId, a.Date, a.Start, homeDistance(a.OfficeId) ?? (currentDistanceKm + a.DistanceKm)))
            .Where(p => !tried.Contains(p.Key) && p.DistanceKm <= maxTravelKm)
            .ToList();

        var pool = preferSameOffice && same.Count > 0 ? same : same.Concat(nearby).ToList();
        var ranked = pool
            .OrderBy(p => Score(today, p.Date, preferSameOffice ? 0 : p.DistanceKm, kmPerDay))
            .ThenBy(p => p.Start, StringComparer.Ordinal)
            .ToList();
        if (ranked.Count == 0)
        {
            return null;
        }

        // "earliest" makes the whole crowd chase the same next seat (a herd, on purpose in hot-office);
        // the other choices spread it as people reading the same list would.
        return (slotChoice, random) switch
        {
            ("random", { } r) => ranked[r.Next(ranked.Count)],
            ("early-random", { } r) => ranked[r.Next(Math.Min(4, ranked.Count))],
            _ => ranked[0],
        };
    }
}
