namespace Scheduler.Contracts;

/// <summary>
/// What one front door saw of a procedure since its last report: bookings answered, those refused because the back end
/// was full (503, or 429 at the in-flight cap), and those answered slower than the latency target
/// (<c>Scheduler:Admission:BookingLatencyTarget</c>) or refused as overloaded: the coordinator steers the admission rate by them.
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.AdmissionTraffic")]
public sealed record AdmissionTraffic(int Bookings, int Overloaded, int Slow = 0);
