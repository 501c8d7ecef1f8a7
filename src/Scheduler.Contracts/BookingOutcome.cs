namespace Scheduler.Contracts;

/// <summary>
/// The outcome of a booking or rescheduling request. <see cref="Appointment"/> is set when booked;
/// <see cref="ExistingCode"/> when the applicant already holds an appointment for the procedure (never shown to a
/// caller who proves only a document number); <see cref="Refusal"/> why the slot itself cannot be booked.
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.BookingOutcome")]
public sealed record BookingOutcome(BookingResult Result, Appointment? Appointment = null, string? ExistingCode = null, SlotRefusal Refusal = SlotRefusal.None)
{
    public static BookingOutcome Of(BookingResult result) => new(result);
}
