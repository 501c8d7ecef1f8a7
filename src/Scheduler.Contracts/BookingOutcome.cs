namespace Scheduler.Contracts;

/// <summary>
/// The outcome of a booking or rescheduling request. <see cref="Appointment"/> is set when booked;
/// <see cref="ExistingCode"/> when the applicant already holds an appointment for the procedure.
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.BookingOutcome")]
public sealed record BookingOutcome(BookingResult Result, Appointment? Appointment = null, string? ExistingCode = null)
{
    public static BookingOutcome Of(BookingResult result) => new(result);
}
