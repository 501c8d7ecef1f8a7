namespace Scheduler.Contracts;

/// <summary>How an applicant's booking or rescheduling request ended.</summary>
public enum BookingResult
{
    Booked = 0,
    SlotFull = 1,
    AlreadyBooked = 2,
    NotOffered = 3,
    NotFound = 4,
    IdempotencyKeyReused = 5,

    /// <summary>The procedure is allocated in batches: file a request instead of booking.</summary>
    AllocatedByBatch = 6,
}
