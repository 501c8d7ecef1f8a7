namespace Scheduler.Contracts;

/// <summary>An operator's change to a procedure's admission; a null field keeps its value (<see cref="ClearOpening"/> removes the opening time).</summary>
[GenerateSerializer, Immutable, Alias("scheduler.AdmissionSettings")]
public sealed record AdmissionSettings(bool? Enabled, DateTimeOffset? OpeningAt, bool ClearOpening, double? AdmitPerSecond, string Operator);
