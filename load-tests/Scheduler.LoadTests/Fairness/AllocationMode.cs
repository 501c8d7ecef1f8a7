namespace Scheduler.LoadTests.Fairness;

/// <summary>The scheduler's allocation modes of a procedure, as the operator API names them.</summary>
public static class AllocationMode
{
    /// <summary>Each seat to whoever books it first (the scheduler's default).</summary>
    public const string FirstCome = "first-come";

    /// <summary>Requests, then seats given out in batches in a uniformly random order.</summary>
    public const string Batch = "batch";
}
