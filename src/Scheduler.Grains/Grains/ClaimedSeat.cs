using Scheduler.Contracts;
using Scheduler.Domain;

namespace Scheduler.Grains.Grains;

/// <summary>
/// A booking that opens a claim: the seat request both the <see cref="Hosting.BookingDesk"/> and the
/// <see cref="ApplicantGrain"/> hand a day, and how the day's decision reads as a booking outcome. One place, so that
/// the two paths write the same claim (same fingerprint, so an Idempotency-Key replayed on either path is recognised).
/// </summary>
internal static class ClaimedSeat
{
    /// <summary>The Idempotency-Key of a seat the waitlist takes for its entry: the entry stands for the request.</summary>
    public const string WaitlistKeyPrefix = "waitlist:";

    /// <summary>The Idempotency-Key of a seat a batch assigns to a request.</summary>
    public const string RequestKeyPrefix = "request:";

    /// <summary>Whether a claim was opened by the person's own booking (not by the waitlist or a batch for them).</summary>
    public static bool OpenedByHand(ClaimChange claim) =>
        claim.Kind == ClaimChangeKind.Open &&
        !(claim.IdempotencyKey is { } key && (key.StartsWith(WaitlistKeyPrefix, StringComparison.Ordinal) || key.StartsWith(RequestKeyPrefix, StringComparison.Ordinal)));

    /// <summary>What tells one applicant's claims apart: document type, country, procedure.</summary>
    public static string ClaimKey(ApplicantIdentity identity, string procedure) =>
        $"{identity.DocumentType}|{identity.Country}|{procedure}";

    /// <summary>The booking an Idempotency-Key stands for: the claim, the office, the date and the time asked for.</summary>
    public static string Fingerprint(BookingCommand command) =>
        $"{ClaimKey(command.Applicant.Identity, command.Procedure)}|{command.OfficeId}|{command.Date:yyyy-MM-dd}|{command.Start:HH\\:mm}";

    /// <summary>A seat for <paramref name="command"/> under a new <paramref name="code"/>, with the claim it opens.</summary>
    public static SeatRequest Open(BookingCommand command, string code, string documentKey, string? idempotencyKey, string fingerprint, string by)
    {
        var identity = command.Applicant.Identity;
        var day = new DayKey(command.OfficeId, command.Procedure, command.Date);
        var claim = new ClaimChange(
            ClaimChangeKind.Open, code, command.Procedure, identity.DocumentType, identity.Country, documentKey, day,
            IdempotencyKey: idempotencyKey, Fingerprint: fingerprint);
        return new SeatRequest(code, command.Applicant, command.Start, [], by, Claim: claim, Policy: command.Policy);
    }

    /// <summary>A day's decision on a seat as the booking's outcome (refusals as they are).</summary>
    public static BookingOutcome Outcome(SeatDecision decision) => decision.Result switch
    {
        SeatResult.Booked => new BookingOutcome(BookingResult.Booked, decision.Appointment),
        SeatResult.SlotFull => BookingOutcome.Of(BookingResult.SlotFull),
        _ => new BookingOutcome(BookingResult.NotOffered, Refusal: decision.Refusal),
    };
}
