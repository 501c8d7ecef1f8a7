namespace Scheduler.Api.Models;

/// <summary>
/// A batch as recorded, enough to replay it: the seed, the open requests in arrival order (ids, reach, window, reserve
/// group), the order the seed drew, the free seats offered, the seat planned for each request and the codes assigned.
/// </summary>
public sealed record BatchDetailResponse(
    string Id, string Procedure, long Seed, DateTimeOffset DecidedAt, string DecidedBy, bool Finished, ReserveResponse? Reserves,
    IReadOnlyList<BatchRequestResponse> Requests, IReadOnlyList<string> Order, IReadOnlyList<OfferedDayResponse> SeatsOffered,
    IReadOnlyList<PlannedSeatResponse> Plan, IReadOnlyDictionary<string, string> Assigned);

/// <summary>An open request as the batch saw it.</summary>
public sealed record BatchRequestResponse(string Id, string Near, double RadiusKm, IReadOnlyList<string>? Offices, string From, string To, bool InReserveGroup);

/// <summary>A day's free seats as the batch saw them (slots, reserve seats held, the local moment through which slots had fallen back).</summary>
public sealed record OfferedDayResponse(string OfficeId, string Date, IReadOnlyList<SlotResponse> Slots, int ReserveHeld, string FallenBackThrough);

/// <summary>The seat planned for a request.</summary>
public sealed record PlannedSeatResponse(string RequestId, string OfficeId, string Date, string Start, bool Reserve);
