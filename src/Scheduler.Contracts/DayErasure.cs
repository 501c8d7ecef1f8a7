namespace Scheduler.Contracts;

/// <summary>What a day inventory erased: records whose applicant details it erased, and whether it put the work off.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.DayErasure")]
public sealed record DayErasure(int Erased, bool Deferred);
