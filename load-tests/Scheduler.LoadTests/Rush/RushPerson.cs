namespace Scheduler.LoadTests.Rush;

/// <summary>One simulated arrival of the opening rush and what happened to it (times in seconds since the run's start).</summary>
public sealed class RushPerson(int index, bool bot, string address, double arrivesAt)
{
    public int Index { get; } = index;
    public bool Bot { get; } = bot;
    public string Address { get; } = address;
    public double ArrivesAt { get; } = arrivesAt;

    public string? Ticket { get; set; }
    public double? JoinedAt { get; set; }
    public bool Early { get; set; }
    public double? EtaAtJoin { get; set; }
    public double? AdmittedAt { get; set; }
    public int ChallengesSolved { get; set; }
    public int Polls { get; set; }
    public double? BookingMs { get; set; }

    /// <summary>When the booking was sent (seconds since the run's start): the report lines bookings' latency up with the admission rate over time.</summary>
    public double? BookingSentAt { get; set; }
    public int BookingStatus { get; set; }
    public string? Failure { get; set; }

    /// <summary>(poll instant, ETA answered) of every waiting answer: the ETA's error is judged against the admission seen later.</summary>
    public List<(double At, double Eta)> Estimates { get; } = [];
}
