using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Scheduler.Api.Validation;
using Scheduler.Contracts;
using Scheduler.Grains.Hosting;

namespace Scheduler.Api.Hosting;

/// <summary>
/// Limits failed attempts to prove ownership of an appointment or waitlist entry (a code with a document
/// number that does not match it): per code, so nobody can try document numbers against one code, and per
/// client address, so nobody can try codes. Counted in fixed windows of <see cref="ApiOptions.OwnershipWindow"/>;
/// each front door counts for itself.
/// </summary>
public sealed class OwnershipGuard(IOptions<ApiOptions> options, TimeProvider clock)
{
    private const int PruneAbove = 100_000;
    private readonly ConcurrentDictionary<string, Window> byCode = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Window> byClient = new(StringComparer.Ordinal);

    /// <summary>A 429 (with Retry-After) when this request's client or <paramref name="code"/> has failed too often to prove ownership, else null.</summary>
    public ProblemHttpResult? Refuse(HttpContext http, string code)
    {
        if (Blocked(ClientAddress.Of(http), Key(code)) is not { } wait)
        {
            return null;
        }

        AbuseLimits.RetryAfter(http, wait);
        return Problems.Problems.TooManyFailedAttempts();
    }

    /// <summary>
    /// The start of every route that shows or changes an applicant's own record by its id (a waitlist entry, a request):
    /// a 429 when this client or <paramref name="id"/> failed too often, a 400 naming the header when the document number
    /// is malformed, else null with the grain of the applicant the number names in <paramref name="owner"/> (which then
    /// decides whether the id is theirs).
    /// </summary>
    public ProblemHttpResult? Owner(HttpContext http, string id, string? documentNumber, IGrainFactory grains, ApplicantKeys applicants, out IApplicantGrain owner)
    {
        owner = null!;
        if (Refuse(http, id) is { } throttled)
        {
            return throttled;
        }

        var errors = new FieldErrors();
        if (errors.DocumentNumber(Apis.AppointmentsApi.DocumentNumberHeader, documentNumber) is not { } number)
        {
            return Problems.Problems.Validation(errors);
        }

        owner = applicants.Grain(grains, number);
        return null;
    }

    /// <summary>Counts a failed proof (a code with a document number that does not go with it) by this request's client on <paramref name="code"/>.</summary>
    public void Failed(HttpContext http, string code) => Failed(ClientAddress.Of(http), Key(code));

    /// <summary>How long until <paramref name="client"/> may try the code keyed <paramref name="code"/> again; null when it may now.</summary>
    private TimeSpan? Blocked(string client, string code)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var wait = Wait(byCode, code, settings.OwnershipFailuresPerCode, now);
        var clientWait = Wait(byClient, client, settings.OwnershipFailuresPerClient, now);
        return wait is null ? clientWait : clientWait is null ? wait : wait > clientWait ? wait : clientWait;
    }

    /// <summary>Counts a failed attempt by <paramref name="client"/> on <paramref name="code"/>.</summary>
    private void Failed(string client, string code)
    {
        var now = clock.GetUtcNow();
        Count(byCode, code, now);
        Count(byClient, client, now);
    }

    /// <summary>Codes count as typed by people: case, spaces and dashes do not make a new code to try.</summary>
    private static string Key(string code) =>
        string.Concat(code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).Take(40));

    private TimeSpan? Wait(ConcurrentDictionary<string, Window> windows, string key, int limit, DateTimeOffset now)
    {
        if (!windows.TryGetValue(key, out var window))
        {
            return null;
        }

        lock (window)
        {
            var ends = window.Start + options.Value.OwnershipWindow;
            return now < ends && window.Failures >= limit ? ends - now : null;
        }
    }

    private void Count(ConcurrentDictionary<string, Window> windows, string key, DateTimeOffset now)
    {
        if (windows.Count > PruneAbove)
        {
            foreach (var (stale, _) in windows.Where(w => now - w.Value.Start > options.Value.OwnershipWindow))
            {
                windows.TryRemove(stale, out _);
            }
        }

        var window = windows.GetOrAdd(key, _ => new Window { Start = now });
        lock (window)
        {
            if (now - window.Start >= options.Value.OwnershipWindow)
            {
                window.Start = now;
                window.Failures = 0;
            }

            window.Failures++;
        }
    }

    private sealed class Window
    {
        public DateTimeOffset Start { get; set; }

        public int Failures { get; set; }
    }
}
