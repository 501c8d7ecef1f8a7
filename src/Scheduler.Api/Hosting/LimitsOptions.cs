using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Scheduler.Api.Hosting;

/// <summary>
/// Abuse limits (section <c>Scheduler:Limits</c>): token buckets per client address (the address a trusted proxy
/// names in X-Forwarded-For, else the connection's), per document number, and per authenticated API client (a
/// booking front end with its own quota instead of its address's). A person never reaches them; a script does.
/// </summary>
public sealed class LimitsOptions : IValidatableObject
{
    public const string Section = "Scheduler:Limits";

    /// <summary>False switches the per-address and per-document limits off (raw benchmarks); API clients keep theirs.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Proxies (addresses, or networks such as <c>10.0.0.0/8</c>) whose X-Forwarded-For is believed; none by default.</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Bookings, moves, cancellations, waitlist joins and leaves, recoveries: per address, per minute, and at once.</summary>
    [Range(1, 1_000_000)]
    public int WritesPerMinutePerAddress { get; set; } = 60;

    [Range(1, 1_000_000)]
    public int WritesBurstPerAddress { get; set; } = 20;

    /// <summary>Searches, availability and reads: per address, per minute, and at once.</summary>
    [Range(1, 1_000_000)]
    public int SearchesPerMinutePerAddress { get; set; } = 600;

    [Range(1, 1_000_000)]
    public int SearchesBurstPerAddress { get; set; } = 120;

    /// <summary>Writes naming one document number, per minute, and at once, whatever address they come from.</summary>
    [Range(1, 1_000_000)]
    public int WritesPerMinutePerDocument { get; set; } = 30;

    [Range(1, 1_000_000)]
    public int WritesBurstPerDocument { get; set; } = 20;

    /// <summary>The role of a bearer token that makes its caller an API client with a quota of its own (by the token's <c>sub</c>).</summary>
    [Required]
    public string ApiClientRole { get; set; } = "booking-client";

    /// <summary>Requests per second (and at once) an API client may send.</summary>
    [Range(1, 1_000_000)]
    public int ApiClientRequestsPerSecond { get; set; } = 2000;

    [Range(1, 1_000_000)]
    public int ApiClientBurst { get; set; } = 4000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in TrustedProxies)
        {
            if (!IPAddress.TryParse(proxy, out _) && !IPNetwork.TryParse(proxy, out _))
            {
                yield return new ValidationResult($"Scheduler:Limits:TrustedProxies: '{proxy}' is neither an IP address nor a network such as 10.0.0.0/8.", [nameof(TrustedProxies)]);
            }
        }
    }
}
