using System.Net;
using System.Text;
using System.Text.Json;
using Scheduler.LoadTests.Fairness;
using Scheduler.LoadTests.Http;
using Scheduler.LoadTests.Measurement;
using Scheduler.LoadTests.Preparation;
using Scheduler.LoadTests.Scenarios;

namespace Scheduler.LoadTests.Tests;

/// <summary><c>--allocation</c>: what the tool puts to the operator routes before a run.</summary>
public sealed class AllocationPreparationTests
{
    private static readonly Uri Target = new("http://127.0.0.1:5080/");
    private static readonly DateOnly Deadline = new(2026, 12, 4);

    [Fact]
    public async Task Batch_mode_sets_the_mode_with_force_then_the_deadline_then_the_reserves_with_the_operator_token()
    {
        var scheduler = new OperatorRoutes(HttpStatusCode.OK);
        var scenario = ScenarioLoader.Load("cpp-final-week-scarce");

        var setup = await AllocationPreparation.ApplyAsync(Client(scheduler), Target, "jwt", scenario, AllocationMode.Batch, 0.155, Deadline, CancellationToken.None);

        Assert.Equal(
            ["PUT api/v1/admin/procedures/cpp-biometrics/allocation", "PUT api/v1/admin/procedures/cpp-biometrics/programme", "PUT api/v1/admin/procedures/cpp-biometrics/reserves"],
            scheduler.Requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.All(scheduler.Requests, r => Assert.Equal("Bearer jwt", r.Authorization));
        using var mode = JsonDocument.Parse(scheduler.Requests[0].Body);
        Assert.Equal("batch", mode.RootElement.GetProperty("mode").GetString());
        Assert.Equal(1, mode.RootElement.GetProperty("cadenceMinutes").GetInt32());
        Assert.True(mode.RootElement.GetProperty("force").GetBoolean());
        using var programme = JsonDocument.Parse(scheduler.Requests[1].Body);
        Assert.Equal("2026-12-05T00:00:00-05:00", programme.RootElement.GetProperty("deadline").GetString());
        using var reserves = JsonDocument.Parse(scheduler.Requests[2].Body);
        Assert.Equal(0.155, reserves.RootElement.GetProperty("share").GetDouble());
        Assert.Equal(100, reserves.RootElement.GetProperty("farFromCapitalKm").GetDouble());
        Assert.Equal(24, reserves.RootElement.GetProperty("fallbackLeadHours").GetDouble());
        Assert.Equal(0.155, setup.ReserveShare);
    }

    [Fact]
    public async Task First_come_and_batch_without_reserves_set_no_reserves()
    {
        var scenario = ScenarioLoader.Load("cpp-final-week-scarce");
        var firstCome = new OperatorRoutes(HttpStatusCode.OK);
        var noReserves = new OperatorRoutes(HttpStatusCode.OK);

        var a = await AllocationPreparation.ApplyAsync(Client(firstCome), Target, "jwt", scenario, AllocationMode.FirstCome, 0.155, Deadline, CancellationToken.None);
        var b = await AllocationPreparation.ApplyAsync(Client(noReserves), Target, "jwt", scenario, AllocationMode.Batch, null, Deadline, CancellationToken.None);

        Assert.DoesNotContain(firstCome.Requests, r => r.Path.EndsWith("/reserves", StringComparison.Ordinal));
        Assert.DoesNotContain(noReserves.Requests, r => r.Path.EndsWith("/reserves", StringComparison.Ordinal));
        Assert.False(JsonDocument.Parse(firstCome.Requests[0].Body).RootElement.TryGetProperty("cadenceMinutes", out _));
        Assert.Equal((null, null), (a.ReserveShare, b.ReserveShare));
        Assert.Contains("no reserves", b.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_or_when_the_scheduler_refuses_the_run_does_not_start()
    {
        var scenario = ScenarioLoader.Load("cpp-final-week-scarce");
        var refusing = new OperatorRoutes(HttpStatusCode.NotFound);

        var noToken = await Assert.ThrowsAsync<PreparationException>(() => AllocationPreparation.ApplyAsync(Client(refusing), Target, null, scenario, AllocationMode.Batch, 0.1, Deadline, CancellationToken.None));
        Assert.Empty(refusing.Requests);
        var refused = await Assert.ThrowsAsync<PreparationException>(() => AllocationPreparation.ApplyAsync(Client(refusing), Target, "jwt", scenario, AllocationMode.Batch, 0.1, Deadline, CancellationToken.None));

        Assert.Contains("--token", noToken.Message, StringComparison.Ordinal);
        Assert.Contains("allocation answered 404", refused.Message, StringComparison.Ordinal);
        Assert.Single(refusing.Requests);
    }

    private static SchedulerApiClient Client(OperatorRoutes routes) =>
        new(new HttpMessageInvoker(routes), new RunClock(TimeProvider.System), null, TimeSpan.FromSeconds(10));

    /// <summary>Stands in for the scheduler's operator routes: records each request and answers every one alike.</summary>
    private sealed class OperatorRoutes(HttpStatusCode status) : HttpMessageHandler
    {
        public List<(string Method, string Path, string? Authorization, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add((request.Method.Method, request.RequestUri!.AbsolutePath.TrimStart('/'), request.Headers.Authorization?.ToString(), body));
            return new HttpResponseMessage(status) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        }
    }
}
