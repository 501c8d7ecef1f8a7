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
}
