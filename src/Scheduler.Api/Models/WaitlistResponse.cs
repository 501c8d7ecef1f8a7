namespace Scheduler.Api.Models;

/// <summary>A waitlist entry: <c>waiting</c> (with its position, 1 = next), <c>booked</c> (with the appointment), <c>left</c> or <c>expired</c>.</summary>
public sealed record WaitlistResponse(
    string Id, string Status, int? Position, string Procedure, string Near, double RadiusKm, string From, string To,
    DateTimeOffset JoinedAt, PlaceResponse? Appointment, string? Code, string? Note);
