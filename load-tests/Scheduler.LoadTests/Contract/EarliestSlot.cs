namespace Scheduler.LoadTests.Contract;

/// <summary><c>GET /api/v1/availability/earliest</c> item: an office's earliest free slot.</summary>
public sealed record EarliestSlot(
    string OfficeId,
    string? OfficeName,
    string? Department,
    double DistanceKm,
    string Date,
    string Start,
    string? End,
    int Free);
