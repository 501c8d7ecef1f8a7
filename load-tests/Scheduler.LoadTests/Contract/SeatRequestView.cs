namespace Scheduler.LoadTests.Contract;

/// <summary>
/// A request for a seat as <c>POST /api/v1/requests</c> (202) and <c>GET /api/v1/requests/{id}</c> return it:
/// <see cref="Status"/> <c>open</c>, <c>assigned</c> (with <see cref="Appointment"/>'s seat and its
/// <see cref="Code"/>), <c>expired</c>, <c>withdrawn</c> or <c>carried-over</c> (the procedure went back to first come).
/// </summary>
public sealed record SeatRequestView(
    string Id,
    string? Status,
    string? FiledAt,
    bool? FiledInTime,
    string? Batch,
    string? DecidesAt,
    SeatPlaceView? Appointment,
    string? Code)
{
    public const string Open = "open";
    public const string Assigned = "assigned";
    public const string Expired = "expired";
    public const string Withdrawn = "withdrawn";
    public const string CarriedOver = "carried-over";

    public string Current => (Status ?? Open).ToLowerInvariant();
}
