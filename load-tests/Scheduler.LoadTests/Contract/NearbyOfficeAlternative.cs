namespace Scheduler.LoadTests.Contract;

/// <summary>A free slot at a nearby office offered with a slot-full answer.</summary>
public sealed record NearbyOfficeAlternative(string OfficeId, double DistanceKm, string Date, string Start, string? End, int Free);
