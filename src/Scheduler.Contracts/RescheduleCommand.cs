namespace Scheduler.Contracts;

/// <summary>A validated request to move appointment <paramref name="Code"/> to another slot, keeping its code.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.RescheduleCommand")]
public sealed record RescheduleCommand(string Code, string OfficeId, DateOnly Date, TimeOnly? Start);
