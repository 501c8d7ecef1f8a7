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

    /// <summary>Puts the applicant on the procedure's waitlist unless they hold or await an appointment for it.</summary>
    [Alias("JoinWaitlist")]
    Task<WaitlistJoinOutcome> JoinWaitlist(WaitlistEntry entry);

    /// <summary>The waitlist entry <paramref name="id"/> if it belongs to this document number.</summary>
    [Alias("FindWaitlistEntry")]
    Task<WaitlistView?> FindWaitlistEntry(string id);

    /// <summary>Leaves the waitlist entry <paramref name="id"/> (false when it is not this document's).</summary>
    [Alias("LeaveWaitlist")]
    Task<bool> LeaveWaitlist(string id);

    /// <summary>
    /// This document booked the procedure of its waitlist entry <paramref name="waitlistId"/> by hand (at the front
    /// door, without this grain): the entry is left. Nothing happens when the entry is not this document's waiting one.
    /// </summary>
    [Alias("LeaveWaitlistBookedByHand")]
    Task LeaveWaitlistBookedByHand(string waitlistId);

    /// <summary>The waitlist books a seat for its entry <paramref name="waitlistId"/> (idempotent per entry).</summary>
    [Alias("BookFromWaitlist")]
    Task<BookingOutcome> BookFromWaitlist(BookingCommand command, string waitlistId);

    /// <summary>
    /// Sends the codes of <paramref name="identity"/>'s active appointments (for <paramref name="procedure"/>, or
    /// all) to the e-mail and phone given when booking, through the outbox. Answers nothing, so that the caller
    /// learns nothing about whether an appointment exists.
    /// </summary>
    [Alias("RecoverAppointments")]
    Task RecoverAppointments(ApplicantIdentity identity, string? procedure);

    /// <summary>Sends the ids of <paramref name="identity"/>'s waiting waitlist entries to their contacts, like <see cref="RecoverAppointments"/>.</summary>
    [Alias("RecoverWaitlistEntries")]
    Task RecoverWaitlistEntries(ApplicantIdentity identity, string? procedure);

    /// <summary>
    /// Files an allocation request unless the document holds an appointment or a live request for the procedure. The
    /// same <paramref name="idempotencyKey"/> again answers the request it filed.
    /// </summary>
    [Alias("FileRequest")]
    Task<RequestFileOutcome> FileRequest(WaitlistEntry request, string? idempotencyKey);

    /// <summary>The allocation request <paramref name="id"/> if it belongs to this document number.</summary>
    [Alias("FindRequest")]
    Task<RequestView?> FindRequest(string id);

    /// <summary>Withdraws the open allocation request <paramref name="id"/> (false when it is not this document's, or not open).</summary>
    [Alias("WithdrawRequest")]
    Task<bool> WithdrawRequest(string id);

    /// <summary>A batch books the seat it planned for request <paramref name="requestId"/> (idempotent per request: a retry finds the same seat).</summary>
    [Alias("BookForRequest")]
    Task<BookingOutcome> BookForRequest(BookingCommand command, string requestId);

    /// <summary>An operator moves appointment <paramref name="code"/> (same code, history records who and why).</summary>
    [Alias("Relocate")]
    Task<BookingOutcome> Relocate(string code, DayKey target, TimeOnly start, string by, string reason);
}
