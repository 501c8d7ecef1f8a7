namespace Scheduler.Contracts;

/// <summary>Life cycle of an appointment.</summary>
public enum AppointmentStatus
{
    Booked = 0,
    Cancelled = 1,
    CheckedIn = 2,
    Completed = 3,
    NoShow = 4,

    /// <summary>Kept by a day the appointment moved away from (the appointment lives on at its new place).</summary>
    Moved = 5,
}
