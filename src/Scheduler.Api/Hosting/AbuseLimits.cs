using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Scheduler.Api.Hosting;

/// <summary>
/// The abuse limits of <see cref="LimitsOptions"/>: a global limiter that puts each applicant route's request in
/// the bucket of its kind (write or search) for its API client or, without one, its address; and a per-document
/// limiter the handlers ask once they have read the document number.
/// </summary>
public static class AbuseLimits
{
    /// <summary>Registers the limits' options, the forwarded-headers trust and the document limiter; answers the options read.</summary>
    public static LimitsOptions AddAbuseLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LimitsOptions>().Bind(builder.Configuration.GetSection(LimitsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var limits = builder.Configuration.GetSection(LimitsOptions.Section).Get<LimitsOptions>() ?? new LimitsOptions();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            // Only configured proxies are believed (ASP.NET Core trusts loopback by default): an X-Forwarded-For
            // sent by anyone else is ignored, so a script cannot pick a new address per request.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            o.ForwardLimit = 1;
            foreach (var proxy in limits.TrustedProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    o.KnownProxies.Add(address);
                }
                else
                {
                    o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                }
            }
        });
        builder.Services.AddSingleton<DocumentLimiter>();
        return limits;
    }

    /// <summary>The limiter every request passes: applicant routes are counted, the rest (operators, health, docs) not.</summary>
    public static PartitionedRateLimiter<HttpContext> GlobalLimiter(LimitsOptions limits) =>
        PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            var kind = Kind(http.Request);
            if (kind is null)
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }

            if (http.User.IsInRole(limits.ApiClientRole) &&
                (http.User.FindFirst("sub") ?? http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier))?.Value is { Length: > 0 } client)
            {
                return RateLimitPartition.GetTokenBucketLimiter("client|" + client, _ => Bucket(limits.ApiClientBurst, limits.ApiClientRequestsPerSecond, TimeSpan.FromSeconds(1)));
            }

            if (!limits.Enabled)
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }

            var address = ClientAddress.Of(http);
            return kind == RequestKind.Write
                ? RateLimitPartition.GetTokenBucketLimiter("write|" + address, _ => Bucket(limits.WritesBurstPerAddress, limits.WritesPerMinutePerAddress, TimeSpan.FromMinutes(1)))
                : RateLimitPartition.GetTokenBucketLimiter("search|" + address, _ => Bucket(limits.SearchesBurstPerAddress, limits.SearchesPerMinutePerAddress, TimeSpan.FromMinutes(1)));
        });

    internal static TokenBucketRateLimiterOptions Bucket(int burst, int perPeriod, TimeSpan period)
    {
        // Refilled in small steps (a tenth of the period), so that a person's next request is not held for a whole minute.
        var steps = Math.Max(1, Math.Min(perPeriod, 10));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = Math.Max(1, perPeriod / steps),
            ReplenishmentPeriod = period / steps,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    /// <summary>A 429 with Retry-After in whole seconds (at least one).</summary>
    public static void RetryAfter(HttpContext http, TimeSpan? wait) =>
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling((wait ?? TimeSpan.FromSeconds(1)).TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static RequestKind? Kind(HttpRequest request)
    {
        var path = request.Path;
        if (!path.StartsWithSegments("/api/v1", out var rest) || rest.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? RequestKind.Search : RequestKind.Write;
    }

    private enum RequestKind
    {
        Write,
        Search,
    }
}

/// <summary>Writes naming one document number, counted whatever address they come from (per front door).</summary>
public sealed class DocumentLimiter(IOptions<LimitsOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(document =>
        RateLimitPartition.GetTokenBucketLimiter(document, _ =>
            AbuseLimits.Bucket(options.Value.WritesBurstPerDocument, options.Value.WritesPerMinutePerDocument, TimeSpan.FromMinutes(1))));

    /// <summary>A 429 problem (with Retry-After) when <paramref name="documentNumber"/> has written too often, else null.</summary>
    public ProblemHttpResult? Refuse(HttpContext http, string documentNumber)
    {
        if (!options.Value.Enabled || http.User.IsInRole(options.Value.ApiClientRole))
        {
            return null;
        }

        using var lease = limiter.AttemptAcquire(documentNumber);
        if (lease.IsAcquired)
        {
            return null;
        }

        AbuseLimits.RetryAfter(http, lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : null);
        http.RequestServices.GetRequiredService<Grains.Telemetry.SchedulerMetrics>().Rejected("rate-limited");
        return Problems.Problems.TooManyForDocument();
    }

    public void Dispose() => limiter.Dispose();
}
