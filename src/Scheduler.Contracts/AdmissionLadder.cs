namespace Scheduler.Contracts;

/// <summary>
/// A partition's waiting tickets in outline: the order keys at ranks 0, 1, ... 63, then ranks about 3 % apart, and the
/// count. Another partition reads from it how many of these tickets are ahead of one of its own (within about 3 %),
/// so a position counts every partition without asking any of them per poll.
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.AdmissionLadder")]
public sealed record AdmissionLadder(long[] Keys, int[] Ranks, int Count)
{
    public static AdmissionLadder Empty { get; } = new([], [], 0);
}
