using Scheduler.Contracts;

namespace Scheduler.Grains.Persistence;

/// <summary>
/// The waitlist as the release before the partitioned waitlist stored it: one grain state per procedure (state
/// name <c>waitlist</c>), every entry in it, waiting or finished. Kept only so <see cref="LegacyWaitlistMigration"/>
/// can read those states; the alias and ids are the old type's and must not change.
/// </summary>
[GenerateSerializer, Alias("scheduler.WaitlistState")]
internal sealed class LegacyWaitlistState
{
    [Id(0)]
    public List<WaitlistEntry> Entries { get; set; } = [];

    [Id(1)]
    public long LastSequence { get; set; }
}
