using Scheduler.Contracts;

namespace Scheduler.Storage;

/// <summary>
/// One seat change of a day inventory as the journal stores it: the appointment's whole record after the
/// change (taken, moved, released), at the day's next sequence number, and what it does to the applicant's
/// claim. A day's memory is its snapshot plus its rows after the snapshot's sequence number, in order; each
/// row replaces the record with its code. A row whose claim was refused is kept as a void row (empty payload)
/// so that a day's sequence numbers stay contiguous: that is what lets a second activation of a day collide.
/// </summary>
/// <param name="Day">The day inventory's key.</param>
/// <param name="Sequence">The day's sequence number of this row.</param>
/// <param name="Code">The appointment's code.</param>
/// <param name="Payload">The appointment's record (Orleans serializer); empty for a void row.</param>
/// <param name="Claim">What the change does to the applicant's claim, in the same transaction.</param>
/// <param name="Trace">The trace of the request that made the change (the commit's span links to it).</param>
public sealed record SeatJournalRow(string Day, long Sequence, string Code, byte[] Payload, ClaimChange? Claim, System.Diagnostics.ActivityContext Trace = default);

/// <summary>How the journal took a row.</summary>
public enum JournalOutcome
{
    /// <summary>The seat row and its claim change committed.</summary>
    Stored,

    /// <summary>The applicant already holds an active claim for the procedure: a void row took the place, nothing else changed.</summary>
    ClaimRefused,

    /// <summary>Another activation of the day already wrote at this sequence number: nothing of this row was stored.</summary>
    PlaceTaken,
}
