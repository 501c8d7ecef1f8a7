namespace Scheduler.LoadTests.Fairness;

/// <summary>
/// Who got the seats (<c>fairness</c> in <c>summary.json</c>): bots against their share of arrivals, homes far
/// from the capital against their share of demand, people who asked before the deadline, people served.
/// Shares are 0..1; a share whose denominator is zero is 0.
/// </summary>
public sealed record FairnessFigures
{
    /// <summary>The allocation mode the run used (<c>first-come</c>, <c>batch</c>), or null when the tool left it alone.</summary>
    public string? Mode { get; init; }

    /// <summary>Whether the batch run held regional reserves.</summary>
    public bool Reserves { get; init; }

    /// <summary>The far rule's distance from the capital's offices, km.</summary>
    public double FarFromCapitalKm { get; init; }

    /// <summary>Arrivals launched (dropped ones are counted apart, in <see cref="DroppedArrivals"/>).</summary>
    public int Arrivals { get; init; }

    public int BotArrivals { get; init; }

    /// <summary>Arrivals the in-flight cap turned away; they count as people not served.</summary>
    public int DroppedArrivals { get; init; }

    /// <summary>Arrivals holding a seat at the end (booked or assigned, not cancelled).</summary>
    public int Seats { get; init; }

    public int BotSeats { get; init; }
    public int FarArrivals { get; init; }
    public int FarSeats { get; init; }

    /// <summary>Arrivals that asked before the programme's deadline (in a run compressed before it: all of them).</summary>
    public int AskedBeforeDeadline { get; init; }

    /// <summary>Of those, served within 50 km on or before the deadline date, or filed in time by the scheduler's word.</summary>
    public int ServedOrFiledInTime { get; init; }

    public int People { get; init; }
    public int PeopleServed { get; init; }

    public double BotArrivalShare { get; init; }
    public double BotSeatShare { get; init; }
    public double FarDemandShare { get; init; }
    public double FarSeatShare { get; init; }
    public double FiledInTimeShare { get; init; }
    public double PeopleServedShare { get; init; }

    /// <summary>How many times their arrival share the bots' seat share is (0 without bots).</summary>
    public double BotAdvantage => BotArrivalShare > 0 ? BotSeatShare / BotArrivalShare : 0;

    /// <summary>|farSeatShare / farDemandShare - 1| (0 without far demand).</summary>
    public double FarRelativeGap => FarDemandShare > 0 ? Math.Abs((FarSeatShare / FarDemandShare) - 1) : 0;
}
