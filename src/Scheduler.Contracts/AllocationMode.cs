namespace Scheduler.Contracts;

/// <summary>How a procedure's seats are given out.</summary>
public enum AllocationMode
{
    /// <summary>Whoever books first gets the seat (direct booking, the waitlist in arrival order).</summary>
    FirstCome = 0,

    /// <summary>Applicants file requests; seats go to them in batches, in a uniformly random order.</summary>
    Batch = 1,
}
