namespace Scheduler.Contracts;

/// <summary>An open request as a batch sees it (recorded, so the batch can be replayed): where and when it may be seated.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.BatchCandidate")]
public sealed record BatchCandidate(
    string RequestId, double HomeLatitude, double HomeLongitude, double RadiusKm, IReadOnlyList<string>? Offices, DateOnly From, DateOnly To, bool InReserveGroup);
