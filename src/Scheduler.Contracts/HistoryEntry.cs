namespace Scheduler.Contracts;

/// <summary>One event in an appointment's life: created, moved, cancelled, and by whom.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.HistoryEntry")]
public sealed record HistoryEntry(DateTimeOffset At, string Action, string By, string? Detail);
