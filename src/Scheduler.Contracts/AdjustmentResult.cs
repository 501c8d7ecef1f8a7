namespace Scheduler.Contracts;

/// <summary>An office's answer to a counter adjustment: applied, or refused with why (and whom it would displace).</summary>
[GenerateSerializer, Immutable, Alias("scheduler.AdjustmentResult")]
public sealed record AdjustmentResult(bool Applied, string? Error, IReadOnlyList<Appointment> Displaced);
