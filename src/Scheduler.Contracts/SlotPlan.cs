namespace Scheduler.Contracts;

/// <summary>One slot of a day's plan: start and end in local time and how many seats it has.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.SlotPlan")]
public sealed record SlotPlan(TimeOnly Start, TimeOnly End, int Capacity);
