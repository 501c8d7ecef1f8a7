namespace Scheduler.Contracts;

/// <summary>How offering a seat to one waiting entry ended.</summary>
public enum WaitlistPromotion
{
    /// <summary>Booked: the entry is finished.</summary>
    Booked = 0,

    /// <summary>The applicant already held an appointment for the procedure (booked by hand): the entry left.</summary>
    Left = 1,

    /// <summary>The entry was no longer waiting (booked, left or expired meanwhile).</summary>
    Gone = 2,

    /// <summary>No seat after all (the day is full or closed): the entry keeps its place; stop offering this day.</summary>
    Full = 3,

    /// <summary>The booking failed (a timeout, storage down): the entry keeps its place; a later offer or sweep retries it.</summary>
    Failed = 4,
}
