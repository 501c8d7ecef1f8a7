namespace Scheduler.Api.Models;

/// <summary>Where else there is room: next free slots at the same office, and nearby offices with a seat that day.</summary>
public sealed record AlternativesResponse(IReadOnlyList<AlternativeSlot> SameOffice, IReadOnlyList<NearbyAlternative> NearbyOffices);

/// <summary>A free slot at the requested office.</summary>
public sealed record AlternativeSlot(string Date, string Start, string End, int Free);

/// <summary>A free slot at another office, with its distance from the requested one.</summary>
public sealed record NearbyAlternative(string OfficeId, string OfficeName, double DistanceKm, string Date, string Start, string End, int Free);
