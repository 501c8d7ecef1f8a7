namespace Scheduler.Contracts;

/// <summary>
/// A ticket as its holder reads it: place in the queue (1 = next; 0 once admitted), the ETA in seconds, when it was
/// admitted and whether its admission was already spent on a booking.
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.AdmissionPlace")]
public sealed record AdmissionPlace(string Ticket, int Position, double EtaSeconds, DateTimeOffset ArrivedAt, DateTimeOffset? AdmittedAt, bool Early);
