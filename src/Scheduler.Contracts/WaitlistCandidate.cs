namespace Scheduler.Contracts;

/// <summary>A partition's earliest waiting entry for a seat: its arrival number across all partitions, and its id.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.WaitlistCandidate")]
public sealed record WaitlistCandidate(long Sequence, string Id);
