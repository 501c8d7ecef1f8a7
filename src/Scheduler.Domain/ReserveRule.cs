using Scheduler.Contracts;

namespace Scheduler.Domain;

/// <summary>
/// The regional reserve's seat rule, the one policy that sits beside "a free seat is a seat" in the day inventory
/// (<see cref="SeatLedger"/>) and in the batch planner (<see cref="Lottery"/>), so both decide alike.
/// A day holds <see cref="Seats"/> of its capacity for the reserve's group. A slot whose start is at or before the
/// fall-back moment (the lead time before it has begun) is general again. Before that, someone outside the group may
/// take a seat in it only while the day's free held-back seats exceed the reserve seats the group has not claimed yet.
/// </summary>
public static class ReserveRule
{
    /// <summary>The day's reserve seats: the share of its capacity, rounded to the nearest seat.</summary>
    public static int Seats(int dayCapacity, double share) =>
        share <= 0 ? 0 : (int)Math.Min(dayCapacity, Math.Round(dayCapacity * share, MidpointRounding.AwayFromZero));

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

    /// <summary>Whether a group member's new seat counts against the reserve (while the reserve has unclaimed seats).</summary>
    public static bool CountsAsReserve(bool inGroup, int reserveSeats, int reserveHeld) => inGroup && reserveHeld < reserveSeats;

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
}
