namespace Scheduler.Contracts;

/// <summary>The answer to an <see cref="AllocationChange"/>: the settings after it, and what was open or carried over.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.AllocationChangeOutcome")]
public sealed record AllocationChangeOutcome(AllocationChangeResult Result, AllocationSettings Settings, int Open, int CarriedOver, int AssignedByFinalBatch);
