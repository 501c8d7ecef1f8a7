namespace Scheduler.Contracts;

/// <summary>What one front door saw of a procedure since its last report: bookings answered, and those refused because the back end was full (503, or 429 at the in-flight cap).</summary>
[GenerateSerializer, Immutable, Alias("scheduler.AdmissionTraffic")]
public sealed record AdmissionTraffic(int Bookings, int Overloaded);
