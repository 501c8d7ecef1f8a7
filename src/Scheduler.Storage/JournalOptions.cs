namespace Scheduler.Storage;

/// <summary>How seat-journal rows are committed (keys of section <c>Scheduler:Booking</c>, beside the booking window's).</summary>
public sealed class JournalOptions
{
    public const string Section = "Scheduler:Booking";

    /// <summary>
    /// Carry the seat rows that any grain of the silo hands in while a transaction is in flight in the next
    /// one (default). False commits every row in a transaction of its own: only for measuring what batching gains.
    /// </summary>
    public bool GroupCommit { get; set; } = true;
}
