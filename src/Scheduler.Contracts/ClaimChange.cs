namespace Scheduler.Contracts;

/// <summary>
/// What a seat change does to its applicant's claim (code -> day), committed in the same transaction as the
/// seat's journal row: a claim and its seat never exist one without the other.
/// <see cref="DocumentKey"/> is a keyed hash of the document number: the number itself is not stored with the claim.
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.ClaimChange")]
public sealed record ClaimChange(
    ClaimChangeKind Kind,
    string Code,
    string Procedure,
    string DocumentType,
    string Country,
    string DocumentKey,
    DayKey Day,
    DayKey? MovingFrom = null,
    string? IdempotencyKey = null,
    string? Fingerprint = null);

/// <summary>How a seat change affects its claim.</summary>
public enum ClaimChangeKind
{
    /// <summary>A new booking: refused when the applicant already holds an active claim for the procedure.</summary>
    Open = 0,

    /// <summary>The claim now points at <see cref="ClaimChange.Day"/> (moving from <see cref="ClaimChange.MovingFrom"/> while under way).</summary>
    Move = 1,

    /// <summary>The appointment ended (cancelled); its record stays at <see cref="ClaimChange.Day"/>.</summary>
    Close = 2,
}
