namespace Scheduler.Contracts;

/// <summary>
/// The seat a batch gives request <paramref name="RequestId"/>, and whether it counts toward the regional reserve (a
/// member of the reserve's group takes it).
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.PlannedSeat")]
public sealed record PlannedSeat(string RequestId, string OfficeId, DateOnly Date, TimeOnly Start, bool Reserve);
