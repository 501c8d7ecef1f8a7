namespace Scheduler.Contracts;

/// <summary>A waitlist entry as its owner reads it, with its place in the queue while waiting (1 = next).</summary>
[GenerateSerializer, Immutable, Alias("scheduler.WaitlistView")]
public sealed record WaitlistView(WaitlistEntry Entry, int? Position);
