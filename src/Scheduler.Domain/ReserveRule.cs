using Scheduler.Contracts;

namespace Scheduler.Domain;

/// <summary>
/// The regional reserve's seat rule, the one policy that sits beside "a free seat is a seat" in the day inventory
/// (<see cref="SeatLedger"/>) and in the batch planner (<see cref="Lottery"/>), so both decide alike.
/// A day holds <see cref="Seats"/> of its capacity for the reserve's group. A slot whose start is at or before the
/// fall-back moment (the lead time before it has begun) is general again. Before that, someone outside the group may
/// take a seat in it only while the day's free held-back seats exceed the reserve seats the group has not claimed yet,
/// where every seat a group member holds that day counts as claimed: the reserve is a floor under the group's seats,
/// never an extra on top of them.
/// </summary>
public static class ReserveRule
{
    // The golden ratio's fractional part: consecutive days' rounding thresholds spread evenly over [0, 1).
    private const double DayStep = 0.6180339887498949;

    /// <summary>
    /// The reserve seats of <paramref name="officeId"/>'s day <paramref name="date"/>: the share of its capacity, with the
    /// fraction rounded by a threshold that turns with the date (and differs by office), so that over consecutive days
    /// an office holds the share of its seats to within about a seat. Rounding each day to the nearest seat could not
    /// honour a share below half a seat a day (6 % of a 13-seat day held 1 seat, 7.7 %, every day; of a 6-seat day none).
    /// Deterministic: the day inventory and the batch planner, which both apply it, hold the same seats.
    /// </summary>
    public static int Seats(int dayCapacity, double share, string officeId, DateOnly date)
    {
        if (share <= 0 || dayCapacity <= 0)
        {
            return 0;
        }

        // Rounded first so that a share times a capacity that is a whole number of seats (0.3 x 10) stays that number.
        var exact = Math.Round(dayCapacity * Math.Min(share, 1), 9);
        var whole = Math.Floor(exact);
        var threshold = Fraction((date.DayNumber * DayStep) + (OfficeOffset(officeId) / 4294967296.0));
        return (int)Math.Min(dayCapacity, whole + (exact - whole > 1 - threshold ? 1 : 0));
    }

    /// <summary>Whether a slot starting at <paramref name="slotStart"/> (local) has fallen back to the general pool.</summary>
    public static bool FallenBack(DateOnly date, TimeOnly slotStart, DateTime fallenBackThrough) =>
        date.ToDateTime(slotStart) <= fallenBackThrough;

    /// <summary>The local moment through which slots have fallen back: <paramref name="clock"/>'s now plus the lead time.</summary>
    public static DateTime FallenBackThrough(BookingClock clock, double leadHours) =>
        clock.Today.ToDateTime(clock.Now).AddHours(leadHours);

    /// <summary>
    /// Whether an applicant may take a seat in a held-back slot: always for the group; otherwise only while the day's
    /// free held-back seats (<paramref name="freeHeldBack"/>) exceed its unclaimed reserve seats.
    /// </summary>
    public static bool MayTakeHeldBack(bool inGroup, int reserveSeats, int reserveHeld, int freeHeldBack) =>
        inGroup || freeHeldBack > Math.Max(0, reserveSeats - reserveHeld);

    /// <summary>
    /// Whether a new seat counts toward the day's reserve: every seat a group member takes while a reserve is set, whether
    /// or not the day's reserve was already met then. So the group's floor is max(reserve, what it holds) whenever it is
    /// looked at: a day whose capacity (and with it the reserve) grows after the group took general seats counts those
    /// seats, instead of holding new reserve seats on top of them.
    /// </summary>
    public static bool CountsAsReserve(bool inGroup, bool reserveSet) => inGroup && reserveSet;

    /// <summary>
    /// Whether someone living at <paramref name="home"/> belongs to <paramref name="reserve"/>'s group: farther than its
    /// distance from every office of the capital (the offices in <paramref name="capitalDepartment"/>), or nearest to an
    /// office of one of its departments. No home known: not in the group.
    /// </summary>
    public static bool InGroup(ReservePolicy? reserve, GeoPoint? home, IReadOnlyCollection<OfficeSummary> offices, string procedure, string capitalDepartment = "Lima")
    {
        if (reserve is null || home is not { } point)
        {
            return false;
        }

        var serving = offices.Where(o => o.Procedures.Contains(procedure)).ToArray();
        if (reserve.FarFromCapitalKm is { } far)
        {
            var capital = serving.Where(o => string.Equals(o.Department, capitalDepartment, StringComparison.OrdinalIgnoreCase)).ToArray();
            if (capital.Length > 0 && capital.All(o => point.DistanceKmTo(new GeoPoint(o.Latitude, o.Longitude)) > far))
            {
                return true;
            }
        }

        if (reserve.Departments.Count > 0 && serving.MinBy(o => point.DistanceKmTo(new GeoPoint(o.Latitude, o.Longitude))) is { } nearest)
        {
            return reserve.Departments.Contains(nearest.Department, StringComparer.OrdinalIgnoreCase);
        }

        return false;
    }

    private static double Fraction(double value) => value - Math.Floor(value);

    // FNV-1a over the id's characters: stable across processes and versions (string.GetHashCode is not).
    private static uint OfficeOffset(string officeId)
    {
        var hash = 2166136261u;
        foreach (var c in officeId)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash;
    }
}
