using System.Net;
using System.Text;
using System.Text.Json;
using Scheduler.LoadTests.Contract;
using Scheduler.LoadTests.Http;
using Scheduler.LoadTests.Measurement;
using Scheduler.LoadTests.Preparation;
using Scheduler.LoadTests.Scenarios;

namespace Scheduler.LoadTests.Tests;

/// <summary>A scenario's <c>prepare.raiseCapacity</c>: the operator request the tool sends, and what it reads back.</summary>
public sealed class CapacityPreparationTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);
    private static readonly Uri Target = new("http://127.0.0.1:5080/");

    // As the scheduler's PUT .../capacity answers (CapacityResponse): a day's slots carry capacity twice.
    private const string Answer = """
        {
          "officeId": "lim-brena",
          "changedDays": [
            { "procedure": "cpp-biometrics", "date": "2026-11-29", "capacity": 18000,
              "slots": [ { "start": "07:20", "end": "07:40", "capacity": 500, "free": 500 }, { "start": "07:00", "end": "07:20", "capacity": 500, "free": 500 } ] },
            { "procedure": "cpp-biometrics", "date": "2026-11-28", "capacity": 18000,
              "slots": [ { "start": "07:00", "end": "07:20", "capacity": 500, "free": 500 } ] },
            { "procedure": "cpp-biometrics", "date": "2026-12-08", "capacity": 0, "slots": [] }
          ],
          "relocated": [ { "code": "ABC", "from": { "officeId": "lim-brena", "date": "2026-11-28", "start": "08:30" }, "to": { "officeId": "lim-brena", "date": "2026-11-28", "start": "08:20" } } ],
          "unplaced": []
        }
        """;

    private static CapacityRaise BookingPeakRaise() => ScenarioLoader.Load("booking-peak").Prepare!.RaiseCapacity.Single();

    [Fact]
    public void The_booking_peak_raise_asks_for_500_counters_from_7_to_19_every_day_of_the_booking_window()
    {
        var request = BookingPeakRaise().ToRequest("cpp-biometrics", Today, "load test");

        Assert.Equal("cpp-biometrics", request.Procedure);
        Assert.Equal("2026-11-27", request.From);
        Assert.Equal("2027-01-22", request.To);
        Assert.Equal(7, request.Weekdays!.Length);
        Assert.Equal(("07:00", "19:00"), (request.Open, request.Close));
        Assert.Equal(500, request.Counters);
        Assert.False(request.Relocate);
    }

    [Fact]
    public void The_request_body_has_the_operator_routes_shape_and_leaves_out_what_is_not_set()
    {
        var raise = new CapacityRaise { OfficeId = "lim-brena", Procedure = "cpp-card-pickup", Counters = 30, FromDaysAhead = 2, ThroughDaysAhead = 3 };

        var json = JsonSerializer.Serialize(raise.ToRequest("cpp-biometrics", Today, "why"), ApiJson.Default.CapacityRequest);

        Assert.Equal("""{"procedure":"cpp-card-pickup","from":"2026-11-29","to":"2026-11-30","counters":30,"reason":"why","relocate":false}""", json);
    }

    [Fact]
    public async Task The_tool_puts_the_raise_to_the_office_with_the_operator_token_and_reads_what_changed()
    {
        var scheduler = new OperatorRoute(HttpStatusCode.OK, Answer);
        var scenario = ScenarioLoader.Load("booking-peak");

        var raised = await CapacityPreparation.ApplyAsync(Client(scheduler), Target, "jwt", scenario, Today, CancellationToken.None);

        var sent = Assert.Single(scheduler.Requests);
        Assert.Equal("PUT", sent.Method);
        Assert.Equal("http://127.0.0.1:5080/api/v1/admin/offices/lim-brena/capacity", sent.Uri);
        Assert.Equal("Bearer jwt", sent.Authorization);
        using var body = JsonDocument.Parse(sent.Body);
        Assert.Equal(500, body.RootElement.GetProperty("counters").GetInt32());
        Assert.Equal("2027-01-22", body.RootElement.GetProperty("to").GetString());
        Assert.Equal("monday", body.RootElement.GetProperty("weekdays")[0].GetString());
        var change = Assert.Single(raised);
        Assert.Equal(["2026-11-28", "2026-11-29"], change.Opened.Select(d => d.Date));
    }

    [Fact]
    public async Task Without_an_operator_token_or_when_the_scheduler_refuses_the_run_does_not_start()
    {
        var scenario = ScenarioLoader.Load("booking-peak");
        var refusing = new OperatorRoute(HttpStatusCode.Conflict, """{"type":"https://scheduler/problems/capacity-conflict","title":"x"}""");

        var noToken = await Assert.ThrowsAsync<PreparationException>(() => CapacityPreparation.ApplyAsync(Client(refusing), Target, null, scenario, Today, CancellationToken.None));
        Assert.Empty(refusing.Requests);
        var refused = await Assert.ThrowsAsync<PreparationException>(() => CapacityPreparation.ApplyAsync(Client(refusing), Target, "jwt", scenario, Today, CancellationToken.None));

        Assert.Contains("--token", noToken.Message, StringComparison.Ordinal);
        Assert.Contains("409", refused.Message, StringComparison.Ordinal);
        Assert.Contains("capacity-conflict", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scenario_without_a_prepare_section_sends_nothing()
    {
        var scheduler = new OperatorRoute(HttpStatusCode.OK, Answer);

        var raised = await CapacityPreparation.ApplyAsync(Client(scheduler), Target, null, ScenarioLoader.Load("hot-office-peak"), Today, CancellationToken.None);

        Assert.Empty(raised);
        Assert.Empty(scheduler.Requests);
    }

    [Fact]
    public void The_answer_gives_the_open_days_in_order_with_their_first_slot_and_the_moves()
    {
        var request = BookingPeakRaise().ToRequest("cpp-biometrics", Today, "load test");

        var raised = CapacityRaised.From("lim-brena", request, JsonSerializer.Deserialize(Answer, ApiJson.Default.CapacityChangeView)!);

        Assert.Equal(3, raised.ChangedDays);
        Assert.Equal([new OpenedDay("2026-11-28", "07:00", 18000), new OpenedDay("2026-11-29", "07:00", 18000)], raised.Opened);
        Assert.Equal(1, raised.Relocated);
        Assert.Equal(0, raised.Unplaced);
        Assert.Equal(
            "lim-brena cpp-biometrics 2026-11-27..2027-01-22 on monday,tuesday,wednesday,thursday,friday,saturday,sunday 07:00-19:00 to 500 counters: "
            + "3 days changed, 2 open (2026-11-28..2026-11-29), 18,000 seats a day, 36,000 seats in all; 1 appointments relocated, 0 left without a seat",
            raised.Describe());
    }

    [Fact]
    public void A_raise_already_in_effect_says_that_nothing_changed()
    {
        var raise = new CapacityRaise { OfficeId = "lim-brena", Counters = 500 };

        var raised = CapacityRaised.From("lim-brena", raise.ToRequest("cpp-biometrics", Today, "r"), new CapacityChangeView("lim-brena", [], [], []));

        Assert.Empty(raised.Opened);
        Assert.EndsWith("every day to 500 counters: nothing changed (already in effect, or outside the booking window)", raised.Describe(), StringComparison.Ordinal);
    }

    private static SchedulerApiClient Client(OperatorRoute route) =>
        new(new HttpMessageInvoker(route), new RunClock(TimeProvider.System), null, TimeSpan.FromSeconds(10));

    /// <summary>Stands in for the scheduler's operator route: records each request and gives one answer.</summary>
    private sealed class OperatorRoute(HttpStatusCode status, string answer) : HttpMessageHandler
    {
        public List<(string Method, string Uri, string? Authorization, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add((request.Method.Method, request.RequestUri!.ToString(), request.Headers.Authorization?.ToString(), body));
            return new HttpResponseMessage(status)
            {
                Content = new StringContent(answer, Encoding.UTF8, status == HttpStatusCode.OK ? "application/json" : "application/problem+json"),
            };
        }
    }
}
