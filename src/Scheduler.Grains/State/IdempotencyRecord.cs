using Scheduler.Contracts;

namespace Scheduler.Grains.State;

/// <summary>
/// The first request made with an <c>Idempotency-Key</c>: a fingerprint of what it asked, the code it
/// booked under, and (once settled without a seat) its final outcome.
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.IdempotencyRecord")]
public sealed record IdempotencyRecord(string Fingerprint, string Code, DateTimeOffset At, BookingOutcome? Outcome);
