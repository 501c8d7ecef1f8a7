namespace Scheduler.Api.Models;

/// <summary>
/// An allocation request: <c>open</c> (waiting for <see cref="Batch"/>, decided at <see cref="DecidesAt"/>, or at the next
/// operator release when null), <c>assigned</c> (with its appointment), <c>expired</c>, <c>withdrawn</c> or
/// <c>carried-over</c> (an operator moved the procedure to first-come: <see cref="Note"/> names the waitlist entry).
/// <see cref="FiledInTime"/>: filed before the programme's deadline.
/// </summary>
public sealed record RequestResponse(
    string Id, string Status, string Procedure, string Near, double RadiusKm, IReadOnlyList<string>? Offices, string From, string To,
    DateTimeOffset FiledAt, bool FiledInTime, string? Batch, DateTimeOffset? DecidesAt, PlaceResponse? Appointment, string? Code, string? Note);
