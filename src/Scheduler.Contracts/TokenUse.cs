namespace Scheduler.Contracts;

/// <summary>Whether an admitted ticket's one booking may go ahead under an idempotency key.</summary>
public enum TokenUse
{
    /// <summary>First use, or a retry with the key it was first used with.</summary>
    Granted,

    /// <summary>Already spent on a request with another key (or without one).</summary>
    Reused,

    /// <summary>The ticket is not known (or not admitted) here.</summary>
    Unknown,
}
