namespace Scheduler.Contracts;

/// <summary>An appointment an operator's change moved: where it was and where it is now (same code).</summary>
[GenerateSerializer, Immutable, Alias("scheduler.Relocation")]
public sealed record Relocation(Appointment From, Appointment To);
