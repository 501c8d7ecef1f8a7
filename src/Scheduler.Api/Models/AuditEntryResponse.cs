namespace Scheduler.Api.Models;

/// <summary>One operator action in the audit trail.</summary>
/// <param name="At">When the operation was recorded (before its change).</param>
/// <param name="Actor">Who: <c>operator:</c> and the token's name.</param>
/// <param name="Action"><c>capacity-changed</c>, <c>day-closed</c> or <c>counters-transferred</c>.</param>
/// <param name="Target">The office (a transfer: <c>from-&gt;to</c>).</param>
/// <param name="Detail">What changed, and (once finished) how many appointments were relocated or not.</param>
/// <param name="Reason">Why, as the operator said.</param>
/// <param name="OperationId">The operation's id (Idempotency-Key or transfer id); null for entries recorded before operations had ids.</param>
/// <param name="Status"><c>completed</c>, or <c>in-progress</c> for an operation that has not finished (a retry with its id finishes it).</param>
public sealed record AuditEntryResponse(DateTimeOffset At, string Actor, string Action, string Target, string Detail, string? Reason, string? OperationId, string Status);
