namespace Scheduler.LoadTests.Rush;

/// <summary>Counts shared by every journey of a rush (polls answered, polls and joins refused by the per-address limits).</summary>
public sealed class RushCounters
{
    private long polls;
    private long pollsLimited;

    public long Polls => Interlocked.Read(ref polls);

    public long PollsLimited => Interlocked.Read(ref pollsLimited);

    private long joinsLimited;

    public long JoinsLimited => Interlocked.Read(ref joinsLimited);

    public void JoinLimited() => Interlocked.Increment(ref joinsLimited);

    public void Poll() => Interlocked.Increment(ref polls);

    public void PollLimited() => Interlocked.Increment(ref pollsLimited);
}
