namespace Scheduler.Contracts;

/// <summary>How joining a waitlist ended.</summary>
public enum WaitlistJoinResult
{
    Joined = 0,
    AlreadyBooked = 1,
    AlreadyWaiting = 2,
}

/// <summary>The answer to joining: the entry (new or existing), or the appointment the applicant already holds.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.WaitlistJoinOutcome")]
public sealed record WaitlistJoinOutcome(WaitlistJoinResult Result, WaitlistView? View, string? ExistingCode);
