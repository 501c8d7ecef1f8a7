namespace Scheduler.Contracts;

/// <summary>
/// The end of a transfer: committed (both offices changed) or aborted (neither did), with why, and the
/// appointments that made the source refuse when taking its counters would have displaced them.
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.TransferResult")]
public sealed record TransferResult(string Id, TransferStatus Status, string? Error, IReadOnlyList<Appointment> Displaced)
{
    /// <summary>The transfer as first requested under this id.</summary>
    [Id(10)]
    public TransferRequest? Request { get; init; }

    /// <summary>True when this answer repeats an earlier outcome of the same id (nothing was done now).</summary>
    [Id(11)]
    public bool Replayed { get; init; }

    /// <summary>True when the id belongs to a different request (another move, or another kind of operation): nothing was done.</summary>
    [Id(12)]
    public bool IdReused { get; init; }
}
