namespace Scheduler.FaultTests.Infrastructure;

/// <summary>One round of probe bookings, sent together.</summary>
public sealed record ProbeRound(TimeSpan SentAt, IReadOnlyList<BookingAttempt> Attempts)
{
    public bool AllBooked => Attempts.All(a => a.Acknowledged);

    public override string ToString() =>
        $"{SentAt.TotalSeconds,6:0.0} s: {Attempts.Count(a => a.Acknowledged)}/{Attempts.Count} booked" +
        (AllBooked ? "" : " (" + string.Join(", ", Attempts.Where(a => !a.Acknowledged).Select(a => $"{a.Status?.ToString() ?? "-"} {a.ProblemType ?? a.Error}").Distinct()) + ")");
}
