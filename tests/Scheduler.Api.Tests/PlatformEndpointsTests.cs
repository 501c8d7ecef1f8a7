namespace Scheduler.Api.Tests;

/// <summary>Health, telemetry and documentation endpoints.</summary>
[Collection(SchedulerApiCollection.Name)]
public sealed class PlatformEndpointsTests(SchedulerApiFactory api)
{
    private readonly HttpClient http = api.CreateClient();

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoint_answers_200_once_started(string path)
    {
        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_lists_every_route()
    {
        using var response = await http.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");
        var listed = paths.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateObject().Select(m => m.Name).ToArray());
        string[][] expected =
        [
            ["/api/v1/procedures", "get"],
            ["/api/v1/offices", "get"],
            ["/api/v1/offices/{officeId}", "get"],
            ["/api/v1/offices/{officeId}/availability", "get"],
            ["/api/v1/availability/earliest", "get"],
            ["/api/v1/appointments", "post"],
            ["/api/v1/appointments/{code}", "get"],
            ["/api/v1/appointments/{code}", "delete"],
            ["/api/v1/appointments/{code}/reschedule", "post"],
            ["/api/v1/admin/offices/{officeId}/capacity", "put"],
            ["/api/v1/admin/offices/{officeId}/appointments", "get"],
        ];
        foreach (var route in expected)
        {
            var path = route[0].TrimEnd('/');
            var key = listed.Keys.SingleOrDefault(k => k.TrimEnd('/') == path);
            Assert.True(key is not null, $"{path} is not in the OpenAPI document: {string.Join(", ", listed.Keys)}");
            Assert.Contains(route[1], listed[key]);
        }
    }

    [Fact]
    public async Task Interactive_docs_are_served()
    {
        using var response = await http.GetAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Metrics_expose_the_scheduler_instruments_in_prometheus_text()
    {
        await http.BookedAsync(Bookings.At("lim-brena", BookingDays.Booking, "16:00"));

        var text = "";
        for (var attempt = 0; attempt < 40 && !text.Contains("scheduler_", StringComparison.Ordinal); attempt++)
        {
            // The exporter caches a scrape briefly; a fresh one follows.
            await Task.Delay(attempt == 0 ? 0 : 250);
            using var response = await http.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
        }

        Assert.Contains("scheduler_bookings", text);
    }
}
