namespace Scheduler.LoadTests.Contract;

/// <summary>
/// A request for a seat as <c>POST /api/v1/requests</c> (202) and <c>GET /api/v1/requests/{id}</c> return it:
/// <see cref="Status"/> (or <see cref="State"/>) is <c>open</c>, <c>assigned</c>, <c>expired</c> or
/// <c>withdrawn</c>; <see cref="Appointment"/> once assigned.
/// </summary>
public sealed record SeatRequestView(
    string Id,
    string? Status,
    string? State,
    string? DecidesAt,
    string? FiledAt,
    bool? FiledInTime,
    AppointmentView? Appointment)
{
    public const string Open = "open";
    public const string Assigned = "assigned";
    public const string Expired = "expired";
    public const string Withdrawn = "withdrawn";

    /// <summary>The request's state, whichever of the two names the answer uses.</summary>
    public string Current => (State ?? Status ?? Open).ToLowerInvariant();
}
