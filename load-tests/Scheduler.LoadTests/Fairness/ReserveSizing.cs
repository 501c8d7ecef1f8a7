using Scheduler.LoadTests.Geography;
using Scheduler.LoadTests.Scenarios;

namespace Scheduler.LoadTests.Fairness;

/// <summary>
/// How large a regional reserve the batch scenario sets: from the far group's demand and the seats already in its
/// reach alone. The scheduler's reserve is a minimum guarantee (a far member's seat anywhere counts against the day's
/// reserve), and the seats of far offices go to far homes with no reserve at all, since nobody else reaches them.
/// Reserving the group's whole demand share of every day on top of those seats guaranteed it its share of the
/// capital's seats as well as all of its own offices' (+44 % over its demand share in <c>cpp-final-week-scarce</c>).
/// So the reserve covers only the gap: the share of the near offices' seats that, with the far offices' seats,
/// makes the group's share of all seats its share of demand.
/// </summary>
public static class ReserveSizing
{
    /// <summary>
    /// The share of each day's seats to reserve when the far group is <paramref name="farDemandShare"/> of demand and
    /// the far offices give <paramref name="farSeats"/> against the near offices' <paramref name="nearSeats"/> (any
    /// unit, the same for both): (demand share x all seats - far seats) / near seats, between 0 and 1.
    /// </summary>
    public static double Share(double farDemandShare, double farSeats, double nearSeats)
    {
        if (!(nearSeats > 0))
        {
            return 0;
        }

        var wanted = farDemandShare * (farSeats + nearSeats) - Math.Max(0, farSeats);
        return Math.Clamp(wanted / nearSeats, 0, 1);
    }

    /// <summary>
    /// The reserve share for <paramref name="scenario"/>: <see cref="Share"/> over the counter-minutes a week its
    /// capacity plan ends with at each office (the raises applied in order, the releases' after the initial ones, each to
    /// the weekdays it names), far and near by <paramref name="rule"/>. Slot length is the same for every office of the
    /// scenario's procedure, so counter-minutes compare seats; a week holds each weekday once, as the run's days until
    /// the deadline do. A scenario that plans no capacity, or a raise without its hours (the office's own then, which the
    /// scenario does not say), says nothing comparable about supply: then the far offices' share of demand.
    /// </summary>
    public static double ShareFor(Scenario scenario, IReadOnlyCollection<OfficeSite> offices, FarRule rule)
    {
        var demandShare = rule.FarDemandShare(offices);
        var plan = WeeklyCounterMinutes(scenario, offices);
        if (plan is null || plan.Count == 0)
        {
            return demandShare;
        }

        var located = offices.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var far = plan.Where(p => rule.IsFar(located[p.Key].Location)).Sum(p => p.Value);
        var near = plan.Where(p => !rule.IsFar(located[p.Key].Location)).Sum(p => p.Value);
        return Share(demandShare, far, near);
    }

    /// <summary>
    /// Counter-minutes a week at each office of <paramref name="offices"/> that <paramref name="scenario"/>'s plan
    /// changes, once every release is out; null when a raise does not say its hours.
    /// </summary>
    public static IReadOnlyDictionary<string, double>? WeeklyCounterMinutes(Scenario scenario, IReadOnlyCollection<OfficeSite> offices)
    {
        var known = offices.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var raises = (scenario.Prepare?.RaiseCapacity ?? [])
            .Concat(scenario.Prepare?.Releases.SelectMany(r => r.RaiseCapacity) ?? [])
            .Where(r => r.ProcedureOr(scenario.Procedure) == scenario.Procedure);
        var byOffice = new Dictionary<string, Dictionary<DayOfWeek, double>>(StringComparer.Ordinal);
        foreach (var raise in raises)
        {
            if (raise.CounterMinutesByWeekday() is not { } days)
            {
                return null;
            }

            if (!known.Contains(raise.OfficeId))
            {
                continue;
            }

            var week = byOffice.TryGetValue(raise.OfficeId, out var planned) ? planned : byOffice[raise.OfficeId] = [];
            foreach (var (day, minutes) in days)
            {
                week[day] = minutes;
            }
        }

        return byOffice.ToDictionary(o => o.Key, o => o.Value.Values.Sum(), StringComparer.Ordinal);
    }
}
