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
}
