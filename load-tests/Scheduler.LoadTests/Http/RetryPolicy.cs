using Scheduler.LoadTests.Scenarios;

namespace Scheduler.LoadTests.Http;

/// <summary>
/// Exponential backoff with jitter. A server's <c>Retry-After</c> is a floor: the client waits at
/// least that long, plus a little jitter so that a crowd told the same number does not return at once.
/// </summary>
public sealed class RetryPolicy(ClientPolicy policy)
{
    public int MaxAttempts => policy.MaxAttempts;

    /// <summary>The pause before attempt <paramref name="attempt"/> + 1, after <paramref name="attempt"/> failed ones.</summary>
    public TimeSpan DelayAfter(int attempt, TimeSpan? retryAfter, Random random)
    {
        var exponential = Math.Min(policy.MaxBackoffMs, policy.BaseBackoffMs * Math.Pow(2, Math.Max(0, attempt - 1)));

        // "Equal jitter": half fixed, half random, so waits grow but never synchronise.
        var jittered = (exponential / 2) + (random.NextDouble() * exponential / 2);
        if (retryAfter is { } floor && floor > TimeSpan.Zero)
        {
            return floor + TimeSpan.FromMilliseconds(random.NextDouble() * Math.Min(1000, floor.TotalMilliseconds * 0.2));
        }

        return TimeSpan.FromMilliseconds(jittered);
    }
}
