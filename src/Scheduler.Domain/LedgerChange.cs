namespace Scheduler.Domain;

/// <summary>The two ways an in-memory decision can end: its write committed, or its write failed.</summary>
public sealed record LedgerChange(Action Commit, Action Rollback);
