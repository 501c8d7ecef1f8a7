namespace Scheduler.Storage;

/// <summary>A ticket's row as a partition reads it back on activation.</summary>
public sealed record StoredTicket(string Ticket, long Sequence, long? EarlyKey, long ArrivedAt, long? AdmittedAt, bool Spent, string? SpentKey);
