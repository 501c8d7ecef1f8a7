namespace Scheduler.Contracts;

/// <summary>
/// All applicants who share one normalised document number (key). Serialises their requests and
/// enforces "one active appointment per applicant and procedure" and idempotent retries.
/// </summary>
[Alias("scheduler.IApplicantGrain")]
public interface IApplicantGrain : IGrainWithStringKey
{
    [Alias("Book")]
    Task<BookingOutcome> Book(BookingCommand command, string? idempotencyKey);

    [Alias("Find")]
    Task<Appointment?> Find(string code);

    [Alias("Reschedule")]
    Task<BookingOutcome> Reschedule(RescheduleCommand command, string? idempotencyKey);

    [Alias("Cancel")]
    Task<bool> Cancel(string code);

    /// <summary>An operator moves appointment <paramref name="code"/> (same code, history records who and why).</summary>
    [Alias("Relocate")]
    Task<BookingOutcome> Relocate(string code, DayKey target, TimeOnly start, string by, string reason);
}
