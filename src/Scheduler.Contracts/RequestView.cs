namespace Scheduler.Contracts;

/// <summary>
/// An allocation request as its owner reads it: the request (a <see cref="WaitlistEntry"/>: status, window, reach, filing
/// time and, once assigned, its appointment), the batch it waits for and when that batch is decided (null: at the next
/// operator release).
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.RequestView")]
public sealed record RequestView(WaitlistEntry Entry, string? Batch, DateTimeOffset? DecidesAt);
