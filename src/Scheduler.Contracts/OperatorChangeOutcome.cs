namespace Scheduler.Contracts;

/// <summary>
/// The answer to an operation: its result (the first one, when <see cref="Replayed"/>), or, when
/// <see cref="IdReused"/>, nothing: the id belongs to a different request and nothing was done.
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.OperatorChangeOutcome")]
public sealed record OperatorChangeOutcome(string OperationId, CapacityChangeResult? Result, bool Replayed, bool IdReused);
