namespace Scheduler.Contracts;

/// <summary>How a day inventory answered a seat request.</summary>
public enum SeatResult
{
    /// <summary>The seat is taken and the write that holds it has committed.</summary>
    Booked = 0,

    /// <summary>The requested slot (or, without a start, the whole day) has no free seat.</summary>
    SlotFull = 1,

    /// <summary>The office does not offer this slot: closed, no such start time, or already started.</summary>
    NotOffered = 2,

    /// <summary>The code was given up by its applicant after a failure; it cannot take a seat any more.</summary>
    CodeVoid = 3,

    /// <summary>The applicant already holds an active claim for the procedure (found by the journal, not in memory); nothing was taken.</summary>
    AlreadyClaimed = 4,
}
