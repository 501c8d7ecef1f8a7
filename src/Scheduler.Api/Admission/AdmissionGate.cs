using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Scheduler.Contracts;
using Scheduler.Domain.Admission;
using Scheduler.Grains.Hosting;
using Scheduler.Grains.Telemetry;

namespace Scheduler.Api.Admission;

/// <summary>
/// The front door's side of the waiting room: its copy of each procedure's admission status (refreshed by
/// <see cref="AdmissionStatusRefresh"/>, so a booking asks no grain whether admission is on), the bookings it saw (which
/// the coordinator turns into the automatic switch and the rate in force), short-lived copies of poll answers, the
/// per-address count of free tickets, and the check of an admission token on a booking.
/// </summary>
public sealed class AdmissionGate : IDisposable
{
    public const string TokenHeader = "Admission-Token";

    private const int MaxCachedPolls = 500_000;

    private readonly IGrainFactory grains;
    private readonly TimeProvider clock;
    private readonly SchedulerMetrics metrics;
    private readonly IOptions<AdmissionOptions> options;
    private readonly byte[] key;
    private readonly ConcurrentDictionary<string, AdmissionStatus> statuses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Traffic> traffic = new(StringComparer.Ordinal);
    private readonly PollCache<Task<AdmissionPlace?>> polls = new(MaxCachedPolls);
    private readonly PartitionedRateLimiter<string> freeTickets;

    public AdmissionGate(IGrainFactory grains, TimeProvider clock, SchedulerMetrics metrics, IOptions<AdmissionOptions> options)
    {
        this.grains = grains;
        this.clock = clock;
        this.metrics = metrics;
        this.options = options;
        key = options.Value.SigningKeyBytes();
        freeTickets = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, options.Value.FreeTicketsPerMinutePerAddress), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    public AdmissionOptions Options => options.Value;

    public byte[] Key => key;

    /// <summary>Whether <paramref name="procedure"/> needs admission now (as of the last refresh).</summary>
    public bool IsOn(string procedure) => statuses.TryGetValue(procedure, out var status) && status.On;

    /// <summary>Whether any procedure needs admission now (a reschedule reads its appointment's procedure only then).</summary>
    public bool AnyOn => statuses.Values.Any(s => s.On);

    public AdmissionStatus? Status(string procedure) => statuses.GetValueOrDefault(procedure);

    /// <summary>The partition grain <c>procedure/partition</c> (a ticket names both).</summary>
    public IAdmissionPartitionGrain Partition(string procedure, int partition) =>
        grains.Reference<IAdmissionPartitionGrain>(AdmissionTicket.PartitionKey(procedure, partition));

    /// <summary>
    /// The difficulty of the challenge a new arrival from <paramref name="address"/> must solve first, or 0. One bit more
    /// per doubling of the waiting room past its threshold and per doubling of the address's joins past its free ones.
    /// </summary>
    public int ChallengeDifficulty(string procedure, string address)
    {
        var o = options.Value;
        var waiting = Status(procedure)?.Waiting ?? 0;
        // FreeTicketsPerMinutePerAddress = 0: every ticket costs a challenge.
        using var lease = o.FreeTicketsPerMinutePerAddress > 0 ? freeTickets.AttemptAcquire(address) : null;
        var free = lease?.IsAcquired == true;
        var loaded = waiting >= o.ChallengeAboveWaiting;
        if (free && !loaded)
        {
            return 0;
        }

        var extra = loaded && o.ChallengeAboveWaiting > 0 ? (int)Math.Floor(Math.Log2((double)waiting / o.ChallengeAboveWaiting)) : 0;
        if (lease is { IsAcquired: false })
        {
            // Past its free tickets; each further ticket this minute costs more (a script's rate, not a person's).
            extra += 1 + (int)Math.Floor(Math.Log2(Math.Max(1, freeTickets.GetStatistics(address)?.TotalFailedLeases ?? 1)));
        }

        return Math.Clamp(o.MinDifficulty + extra, o.MinDifficulty, o.MaxDifficulty);
    }

    /// <summary>The ticket's place, reused for <see cref="AdmissionOptions.PollCache"/>; concurrent polls of one ticket share one grain call.</summary>
    public Task<AdmissionPlace?> PlaceAsync(string ticket, string procedure, int partition)
    {
        var now = clock.GetTimestamp();
        if (polls.TryGet(ticket, now, out var cached))
        {
            return cached;
        }

        var fresh = Partition(procedure, partition).Find(ticket);
        if (options.Value.PollCache > TimeSpan.Zero)
        {
            polls.Set(ticket, fresh, now + (long)(options.Value.PollCache.TotalSeconds * clock.TimestampFrequency));
        }

        return fresh;
    }

    /// <summary>The token of an admitted ticket (any front door computes the same one from the shared key).</summary>
    public (string Token, DateTimeOffset ExpiresAt) TokenFor(AdmissionPlace place)
    {
        var expires = place.AdmittedAt!.Value + options.Value.TokenLifetime;
        return (AdmissionTokens.Issue(key, place.Ticket, expires), expires);
    }

    /// <summary>
    /// The check in front of a booking-like route: when <paramref name="procedure"/> needs admission, the request must
    /// carry a genuine, unexpired token for that procedure whose ticket was admitted and not spent on another request
    /// (a retry with the same Idempotency-Key is the same request). A refused request changes nothing. A request
    /// refused by the handler (4xx) gives the admission back, so a slot taken meanwhile does not cost the person their place.
    /// When no admission is needed, a token sent anyway must still be genuine and unexpired.
    /// </summary>
    public async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, string? procedure)
    {
        var http = context.HttpContext;
        // A booking's latency, as the coordinator steers the rate by it, runs from here (token check and spend included).
        var started = clock.GetTimestamp();
        var presented = http.Request.Headers[TokenHeader].ToString();
        if (procedure is null || !IsOn(procedure))
        {
            // No token is needed now, but one that is sent is still checked: a forged or expired token never books,
            // whether or not the room is on (a reuse needs the ticket's partition, asked only while it is on).
            return presented.Length > 0 && RefuseForgery(presented, out _) is { } refused ? refused : await CountAsync(procedure, context, next, started);
        }

        if (presented.Length == 0)
        {
            return Refuse("missing", "This request carries no Admission-Token header.");
        }

        if (RefuseForgery(presented, out var ticket) is { } refusal)
        {
            return refusal;
        }

        if (!AdmissionTicket.TryParse(ticket, out var ticketProcedure, out var partition) || ticketProcedure != procedure)
        {
            return Refuse("another-procedure", $"The Admission-Token admits to another procedure, not '{procedure}'.");
        }

        var idempotencyKey = http.Request.Headers[Apis.AppointmentsApi.IdempotencyKeyHeader].ToString() is { Length: > 0 } k ? k : null;
        var grain = Partition(procedure, partition);
        var use = await grain.Spend(ticket, idempotencyKey);
        metrics.AdmissionSpent(clock.GetElapsedTime(started).TotalMilliseconds);
        switch (use)
        {
            case TokenUse.Reused:
                return Refuse("reused", "The Admission-Token was already used for another request (a retry must send the same Idempotency-Key).");
            case TokenUse.Unknown:
                return Refuse("not-admitted", "The Admission-Token's ticket is not admitted.");
        }

        var result = await CountAsync(procedure, context, next, started);
        if (StatusOf(result) is >= 400 and < 500)
        {
            await grain.Return(ticket, idempotencyKey);
        }

        return result;
    }

    /// <summary>What this front door saw of <paramref name="procedure"/> since the last call (and starts counting afresh).</summary>
    public AdmissionTraffic TakeTraffic(string procedure) =>
        traffic.TryGetValue(procedure, out var counted) ? counted.Take() : new AdmissionTraffic(0, 0, 0);

    public void Update(AdmissionStatus status) => statuses[status.Procedure] = status;

    /// <summary>Drops poll answers past their time (called with each status refresh).</summary>
    public void Sweep() => polls.Sweep(clock.GetTimestamp());

    public void Dispose() => freeTickets.Dispose();

    private async ValueTask<object?> CountAsync(string? procedure, EndpointFilterInvocationContext context, EndpointFilterDelegate next, long started)
    {
        if (procedure is null)
        {
            return await next(context);
        }

        var counter = traffic.GetOrAdd(procedure, _ => new Traffic());
        try
        {
            var result = await next(context);
            var elapsed = clock.GetElapsedTime(started);
            var target = options.Value.BookingLatencyTarget;
            counter.Count(
                overloaded: StatusOf(result) is StatusCodes.Status503ServiceUnavailable or StatusCodes.Status429TooManyRequests,
                slow: target > TimeSpan.Zero && elapsed > target);
            metrics.AdmissionBooking(elapsed.TotalMilliseconds);
            return result;
        }
        catch
        {
            // A grain that did not answer (timeout, silo lost, storage down) becomes a 503: the back end is overloaded.
            counter.Count(overloaded: true, slow: true);
            throw;
        }
    }

    /// <summary>The status a handler's result will answer (a typed <c>Results&lt;...&gt;</c> wraps the one it chose).</summary>
    private static int? StatusOf(object? result) => result switch
    {
        INestedHttpResult nested => StatusOf(nested.Result),
        IStatusCodeHttpResult withStatus => withStatus.StatusCode,
        _ => null,
    };

    private ProblemHttpResult? RefuseForgery(string presented, out string ticket) =>
        AdmissionTokens.Verify(key, presented, clock.GetUtcNow(), out ticket) switch
        {
            TokenCheck.Forged => Refuse("forged", "The Admission-Token was not issued by this service."),
            TokenCheck.Expired => Refuse("expired", "The Admission-Token has expired."),
            _ => null,
        };

    private ProblemHttpResult Refuse(string reason, string detail)
    {
        metrics.Admission("refused-" + reason);
        return AdmissionProblems.Refused(reason, detail);
    }

    private sealed class Traffic
    {
        private int bookings;
        private int overloaded;
        private int slow;

        public void Count(bool overloaded, bool slow)
        {
            Interlocked.Increment(ref bookings);
            if (overloaded)
            {
                Interlocked.Increment(ref this.overloaded);
            }

            if (slow)
            {
                Interlocked.Increment(ref this.slow);
            }
        }

        public AdmissionTraffic Take() => new(Interlocked.Exchange(ref bookings, 0), Interlocked.Exchange(ref overloaded, 0), Interlocked.Exchange(ref slow, 0));
    }
}
