namespace Scheduler.Contracts;

/// <summary>Where a waitlist entry stands.</summary>
public enum WaitlistStatus
{
    /// <summary>Waiting for a seat in reach.</summary>
    Waiting = 0,

    /// <summary>Booked automatically when a seat appeared; see the entry's appointment code.</summary>
    Booked = 1,

    /// <summary>Left the waitlist: booked by hand, or withdrew.</summary>
    Left = 2,

    /// <summary>The date window passed without a seat.</summary>
    Expired = 3,

    /// <summary>Moved to the procedure's other allocation mode by an operator (<c>force</c>): see the note for its new id.</summary>
    CarriedOver = 4,
}
