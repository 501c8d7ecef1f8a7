using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Scheduler.Api.Tests;

/// <summary>Load shedding: bookings beyond the configured concurrency get 429 with Retry-After, never a 5xx.</summary>
[Collection(SchedulerApiCollection.Name)]
public sealed class RateLimitTests(SchedulerApiFactory api)
{
    [Fact]
    public async Task Bookings_beyond_the_concurrency_limit_get_429_problems_with_retry_after()
    {
        using var directory = new TemporaryDirectory();
        await using var limited = api.WithWebHostBuilder(builder => builder
            .UseSetting("Scheduler:Api:MaxConcurrentBookings", "1")
            .UseSetting("Scheduler:Storage:ConnectionString", $"Data Source={directory.File("limited.db")}"));
        var http = limited.CreateClient();
        await Eventually.EqualAsync(HttpStatusCode.OK, async () => (await http.GetAsync("/health/ready")).StatusCode);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var rush = Enumerable.Range(0, 100).Select(async _ =>
        {
            await go.Task;
            using var response = await http.BookAsync(Bookings.At("lim-brena", BookingDays.Rush, null));
            return (response.StatusCode, RetryAfter: response.Headers.RetryAfter?.Delta, Body: await response.Content.ReadAsStringAsync());
        }).ToArray();
        go.SetResult();
        var answers = await Task.WhenAll(rush);

        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.TooManyRequests }));
        var shed = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToArray();
        Assert.NotEmpty(shed);
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(shed, a =>
        {
            Assert.Equal(TimeSpan.FromSeconds(1), a.RetryAfter);
            Assert.Equal(Problem.BaseUri + "rate-limited", JsonDocument.Parse(a.Body).RootElement.GetProperty("type").GetString());
        });
    }
}
