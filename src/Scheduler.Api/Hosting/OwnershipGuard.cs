using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

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

    /// <summary>How long until <paramref name="client"/> may try <paramref name="code"/> again; null when it may now.</summary>
    public TimeSpan? Blocked(string client, string code)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var wait = Wait(byCode, code, settings.OwnershipFailuresPerCode, now);
        var clientWait = Wait(byClient, client, settings.OwnershipFailuresPerClient, now);
        return wait is null ? clientWait : clientWait is null ? wait : wait > clientWait ? wait : clientWait;
    }

    /// <summary>Counts a failed attempt by <paramref name="client"/> on <paramref name="code"/>.</summary>
    public void Failed(string client, string code)
    {
        var now = clock.GetUtcNow();
        Count(byCode, code, now);
        Count(byClient, client, now);
    }

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
