namespace Scheduler.Contracts;

/// <summary>
/// Ask a day inventory for a seat. <paramref name="Start"/> null means the earliest free slot.
/// <paramref name="History"/> carries the appointment's earlier history when it moves here; <paramref name="By"/> says who asks.
/// <paramref name="Claim"/> is written with the seat, in the same transaction. <paramref name="Policy"/>: the regional reserve and filing time (none: no reserve).
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.SeatRequest")]
public sealed record SeatRequest(string Code, ApplicantDetails Applicant, TimeOnly? Start, IReadOnlyList<HistoryEntry> History, string By, string? Reason = null, ClaimChange? Claim = null, SeatPolicy? Policy = null);
