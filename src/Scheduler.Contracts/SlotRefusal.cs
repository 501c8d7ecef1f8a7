namespace Scheduler.Contracts;

/// <summary>Why a slot cannot be booked, whoever asks and however many seats it has (decided by the day's slot rules).</summary>
public enum SlotRefusal
{
    None = 0,

    /// <summary>The date has passed in the office's time zone.</summary>
    InThePast = 1,

    /// <summary>The date is after the booking window.</summary>
    BeyondHorizon = 2,

    /// <summary>The office does not serve the procedure that day.</summary>
    Closed = 3,

    /// <summary>No slot of the day starts at the requested time.</summary>
    NotOnGrid = 4,

    /// <summary>The slot is today and has started.</summary>
    Begun = 5,
}
