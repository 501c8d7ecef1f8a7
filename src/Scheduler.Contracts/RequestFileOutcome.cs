namespace Scheduler.Contracts;

/// <summary>The answer to filing an allocation request: the request when filed (or filed before under the same Idempotency-Key).</summary>
[GenerateSerializer, Immutable, Alias("scheduler.RequestFileOutcome")]
public sealed record RequestFileOutcome(RequestFileResult Result, RequestView? Request);
