namespace Scheduler.Api.Models;

/// <summary>
/// A waiting-room ticket: <c>waiting</c> (position, 1 = next, and the ETA in seconds from the admission rate measured),
/// <c>admitted</c> (with the token to send as the <c>Admission-Token</c> header of one booking and its retries),
/// <c>spent</c> (its booking went ahead) or <c>expired</c> (its token is past its time).
/// </summary>
public sealed record AdmissionTicketResponse(
    string Ticket, string Status, int Position, double EtaSeconds, bool EarlyArrival, string? Token, DateTimeOffset? TokenExpiresAt, double PollAfterSeconds);
