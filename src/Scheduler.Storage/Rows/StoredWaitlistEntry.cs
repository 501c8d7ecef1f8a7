using Scheduler.Contracts;

namespace Scheduler.Storage;

/// <summary>A waitlist row as read back: the partition that holds (or held) the entry, and the entry with its arrival number.</summary>
public sealed record StoredWaitlistEntry(string Partition, WaitlistEntry Entry);
