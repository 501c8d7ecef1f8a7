namespace Scheduler.Api.Hosting;

/// <summary>How the front door runs (section <c>Scheduler:Api</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "Scheduler:Api";

    /// <summary>CoHosted (default: this process is also a silo) or Client (a front door of a cluster).</summary>
    public ApiMode Mode { get; set; } = ApiMode.CoHosted;

    /// <summary>Booking and rescheduling requests in flight at once before new ones get 429.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1_000_000)]
    public int MaxConcurrentBookings { get; set; } = 4096;

    /// <summary>How long the front door reuses an office's availability answer for searches (0 = always ask).</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 60_000)]
    public int AvailabilityCacheMilliseconds { get; set; } = 1000;

    /// <summary>Failed ownership proofs (code with a document number that does not match) on one code per window before it gets 429.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1_000_000)]
    public int OwnershipFailuresPerCode { get; set; } = 10;

    /// <summary>Failed ownership proofs from one client address per window before it gets 429.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1_000_000)]
    public int OwnershipFailuresPerClient { get; set; } = 30;

    /// <summary>The window the failed ownership proofs are counted in.</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan OwnershipWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Whether this front door serves the operator routes (<c>/api/v1/admin</c>). A front door exposed to the public
    /// may leave them to another; with them on, outside Development, token settings are required at start.
    /// </summary>
    public bool OperatorRoutes { get; set; } = true;

    /// <summary>Client mode with localhost clustering: the silo gateway port to connect to.</summary>
    public int GatewayPort { get; set; } = 30000;
}

/// <summary>Whether the API hosts a silo itself.</summary>
public enum ApiMode
{
    CoHosted,
    Client,
}
