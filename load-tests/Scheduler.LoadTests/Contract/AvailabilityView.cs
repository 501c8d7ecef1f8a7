namespace Scheduler.LoadTests.Contract;

/// <summary><c>GET /api/v1/offices/{officeId}/availability</c>.</summary>
public sealed record AvailabilityView(string OfficeId, string Procedure, IReadOnlyList<AvailabilityDay>? Days);
