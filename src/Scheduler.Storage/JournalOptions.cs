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

    /// <summary>
    /// PostgreSQL transactions of seat rows in flight at once (default 2; SQLite has one writer, so always 1). They
    /// commit in the order their rows were handed in; a later one's statements run while an earlier one commits.
    /// </summary>
    public int TransactionsInFlight { get; set; } = 2;

    /// <summary>
    /// Rows that must be waiting before a further transaction starts beside one in flight (default 32): below that,
    /// they wait for the next transaction of the writer in flight, so batches stay large when the load is moderate.
    /// </summary>
    public int OverlapAtRows { get; set; } = 32;
}
