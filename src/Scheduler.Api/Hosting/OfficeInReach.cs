using Scheduler.Contracts;

namespace Scheduler.Api.Hosting;

/// <summary>An office offering a procedure, and its distance from a point (km, rounded to 0.1 as every answer gives it).</summary>
public readonly record struct OfficeInReach(OfficeSummary Office, double DistanceKm);
