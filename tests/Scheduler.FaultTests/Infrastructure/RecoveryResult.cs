namespace Scheduler.FaultTests.Infrastructure;

/// <summary>Every probe round, and when the final unbroken run of fully successful rounds began (null: it never did).</summary>
public sealed record RecoveryResult(IReadOnlyList<ProbeRound> Rounds, TimeSpan? RecoveredAt)
{
    public IReadOnlyList<BookingAttempt> Attempts => Rounds.SelectMany(r => r.Attempts).ToArray();
}
