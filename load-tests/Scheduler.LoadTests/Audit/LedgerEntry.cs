namespace Scheduler.LoadTests.Audit;

/// <summary>
/// One booking acknowledged with 2xx, as the tool last knew it. Rescheduling changes the seat (the
/// code stays); an unanswered reschedule keeps the previous seat as an acceptable alternative.
/// </summary>
public sealed record LedgerEntry
{
    public required string Code { get; init; }
    public required string DocumentType { get; init; }
    public required string DocumentNumber { get; init; }
    public required string Country { get; init; }
    public required string FullName { get; init; }
    public required string Procedure { get; init; }
    public required string OfficeId { get; init; }
    public required string Date { get; init; }
    public required string Start { get; init; }
    public required double BookedAtSeconds { get; init; }
    public LedgerStatus Status { get; init; } = LedgerStatus.Active;

    /// <summary>How the tool learnt of it: <c>booked</c> (201) or <c>recovered</c> (the existing code of an already-booked answer).</summary>
    public string Source { get; init; } = "booked";

    /// <summary>The seat before an unanswered reschedule, if any.</summary>
    public (string OfficeId, string Date, string Start)? PreviousSeat { get; init; }

    public int Reschedules { get; init; }

    public string Identity => $"{DocumentType}:{Country}:{DocumentNumber}";
}
