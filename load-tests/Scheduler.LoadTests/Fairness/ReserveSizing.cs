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
    /// The reserve share for <paramref name="scenario"/>: <see cref="Share"/> over the counter-minutes a day its
    /// capacity plan ends with at each office (an office's last raise, the releases' after the initial ones), far and
    /// near by <paramref name="rule"/>. Slot length and days are the same for every office of the scenario's procedure,
    /// so counter-minutes a day compare seats. A scenario that plans no capacity, or a raise without its hours (the
    /// office's own then, which the scenario does not say), says nothing comparable about supply: then the far
    /// offices' share of demand, as before.
    /// </summary>
    public static double ShareFor(Scenario scenario, IReadOnlyCollection<OfficeSite> offices, FarRule rule)
    {
        var demandShare = rule.FarDemandShare(offices);
        var raises = (scenario.Prepare?.RaiseCapacity ?? [])
            .Concat(scenario.Prepare?.Releases.SelectMany(r => r.RaiseCapacity) ?? [])
            .Where(r => r.ProcedureOr(scenario.Procedure) == scenario.Procedure)
            .ToList();
        var located = offices.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var finalPlan = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var raise in raises)
        {
            if (CounterMinutesADay(raise) is not { } minutes)
            {
                return demandShare;
            }

            if (located.ContainsKey(raise.OfficeId))
            {
                finalPlan[raise.OfficeId] = minutes;
            }
        }

        if (finalPlan.Count == 0)
        {
            return demandShare;
        }

        var far = finalPlan.Where(p => rule.IsFar(located[p.Key].Location)).Sum(p => p.Value);
        var near = finalPlan.Where(p => !rule.IsFar(located[p.Key].Location)).Sum(p => p.Value);
        return Share(demandShare, far, near);
    }

    private static double? CounterMinutesADay(CapacityRaise raise) =>
        TimeOnly.TryParse(raise.Open, System.Globalization.CultureInfo.InvariantCulture, out var open)
        && TimeOnly.TryParse(raise.Close, System.Globalization.CultureInfo.InvariantCulture, out var close) && close > open
            ? raise.Counters * (close - open).TotalMinutes
            : null;
}
