using Scheduler.LoadTests.Http;
using Scheduler.LoadTests.Scenarios;

namespace Scheduler.LoadTests.Tests;

public sealed class RetryPolicyTests
{
    private readonly RetryPolicy _policy = new(new ClientPolicy { BaseBackoffMs = 100, MaxBackoffMs = 1000 });

    [Theory]
    [InlineData(1, 50, 100)]
    [InlineData(2, 100, 200)]
    [InlineData(3, 200, 400)]
    [InlineData(10, 500, 1000)]
    public void Backoff_grows_exponentially_with_jitter_up_to_a_cap(int attempt, double minMs, double maxMs)
    {
        var random = new Random(attempt);
        for (var i = 0; i < 200; i++)
        {
            Assert.InRange(_policy.DelayAfter(attempt, null, random).TotalMilliseconds, minMs, maxMs);
        }
    }

    [Fact]
    public void Retry_after_is_a_floor_with_a_little_jitter()
    {
        var random = new Random(1);
        var delays = Enumerable.Range(0, 200).Select(_ => _policy.DelayAfter(1, TimeSpan.FromSeconds(2), random).TotalMilliseconds).ToList();

        Assert.All(delays, d => Assert.InRange(d, 2000, 2400));
        Assert.True(delays.Distinct().Count() > 100);
    }

    [Theory]
    [InlineData(429, null, "rate-limited", true)]
    [InlineData(503, null, "unavailable", true)]
    [InlineData(409, "slot-full", "slot-full", false)]
    [InlineData(409, "already-booked", "already-booked", false)]
    [InlineData(400, "validation-error", "validation-error", false)]
    [InlineData(500, null, "server-error", false)]
    [InlineData(201, null, "ok", false)]
    public void Answers_are_classified_and_only_transient_ones_retried(int status, string? problem, string outcome, bool retry)
    {
        Assert.Equal(outcome, CallOutcome.Classify(status, problem));
        Assert.Equal(retry, CallOutcome.IsRetryable(outcome));
    }

    [Fact]
    public void Time_outs_and_connection_errors_are_retried()
    {
        Assert.True(CallOutcome.IsRetryable(CallOutcome.Timeout));
        Assert.True(CallOutcome.IsRetryable(CallOutcome.ConnectionError));
    }
}
