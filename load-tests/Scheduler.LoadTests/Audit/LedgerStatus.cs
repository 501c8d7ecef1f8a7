namespace Scheduler.LoadTests.Audit;

/// <summary>What the tool believes about a booking it was acknowledged.</summary>
public enum LedgerStatus
{
    /// <summary>Booked (and possibly moved) and not cancelled by the tool.</summary>
    Active,

    /// <summary>The tool cancelled it and got 204.</summary>
    Cancelled,

    /// <summary>A cancel or reschedule was sent but its answer never came: either state is acceptable.</summary>
    Uncertain,
}
