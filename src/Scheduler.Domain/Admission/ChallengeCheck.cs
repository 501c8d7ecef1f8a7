namespace Scheduler.Domain.Admission;

/// <summary>What a proof-of-work answer is worth.</summary>
public enum ChallengeCheck
{
    Solved,
    Forged,
    Expired,
    Wrong,
}
