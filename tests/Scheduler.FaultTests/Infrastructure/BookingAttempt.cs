namespace Scheduler.FaultTests.Infrastructure;

/// <summary>
/// What happened to one POST /appointments: when it left (from the start of the test's clock), how long it took,
/// and the answer: status and problem type, or the code and slot booked, or the transport error (no status).
/// </summary>
public sealed record BookingAttempt(
    PlannedBooking Booking,
    Uri FrontDoor,
    TimeSpan SentAt,
    TimeSpan Elapsed,
    int? Status,
    string? ProblemType,
    string? Code,
    string? Start,
    string? Error)
{
    public bool Acknowledged => Status is >= 200 and < 300;

    public TimeSpan AnsweredAt => SentAt + Elapsed;

    public override string ToString() =>
        $"{Booking.DocumentNumber} -> {Booking.Target.DayKey} {Booking.Target.Start ?? "earliest"} via {FrontDoor.Port}: " +
        $"{Status?.ToString() ?? "no answer"} {ProblemType ?? Code ?? Error} at {SentAt.TotalSeconds:0.00} s after {Elapsed.TotalMilliseconds:0} ms";
}
