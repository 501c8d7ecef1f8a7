namespace Scheduler.LoadTests.Http;

/// <summary>What a request is for; latencies and outcomes are kept apart by kind.</summary>
public enum RequestKind
{
    Search,
    Availability,
    Book,
    Reschedule,
    Cancel,
    Read,

    /// <summary><c>POST /api/v1/requests</c> (batch mode).</summary>
    File,

    /// <summary><c>GET /api/v1/requests/{id}</c> (batch mode: waiting for the batch's outcome).</summary>
    Poll,
}
