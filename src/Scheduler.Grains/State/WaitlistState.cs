using Scheduler.Contracts;

namespace Scheduler.Grains.State;

/// <summary>What a procedure's waitlist stores: every entry in arrival order.</summary>
[GenerateSerializer, Alias("scheduler.WaitlistState")]
public sealed class WaitlistState
{
    [Id(0)]
    public List<WaitlistEntry> Entries { get; set; } = [];

    [Id(1)]
    public long LastSequence { get; set; }
}
