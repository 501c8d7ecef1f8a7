namespace Scheduler.Domain.Admission;

/// <summary>
/// How the admission rate in force follows the back end (see <see cref="AdmissionRateController"/>).
/// </summary>
/// <param name="SlowShare">The share of admitted bookings allowed to be slow (slower than the front doors' latency target,
/// or refused as overloaded) before the rate is cut: 0.01 keeps the p99 at the target.</param>
/// <param name="Decrease">The factor a cut multiplies the rate by (0.7: 30 % less).</param>
/// <param name="IncreasePerSecond">What the rate climbs back per second while bookings are fast, as a share of the configured rate.</param>
/// <param name="FloorShare">The rate never drops below this share of the configured rate (the room keeps moving).</param>
/// <param name="Window">The bookings judged at each step are those reported over this long; after a cut, the next cut waits
/// as long (the bookings reported meanwhile were admitted at the old rate).</param>
public sealed record AdmissionRateRule(double SlowShare, double Decrease, double IncreasePerSecond, double FloorShare, TimeSpan Window)
{
    /// <summary>Once a second the rate moves (up or down) at most.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(1);
}
