namespace Scheduler.Contracts;

/// <summary>How filing an allocation request ended.</summary>
public enum RequestFileResult
{
    Filed = 0,

    /// <summary>The document already holds an appointment for the procedure.</summary>
    AlreadyBooked = 1,

    /// <summary>The document already has a live request for the procedure (its id is not told).</summary>
    AlreadyRequested = 2,

    /// <summary>The procedure is not allocated in batches.</summary>
    NotBatchMode = 3,

    /// <summary>The Idempotency-Key was used for a different request.</summary>
    IdempotencyKeyReused = 4,
}
