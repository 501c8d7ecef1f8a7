namespace Scheduler.Api.Tests;

/// <summary>Outside Development, operator routes need token settings: a host without them refuses to start, saying which.</summary>
public sealed class OperatorSettingsTests
{
    [Fact]
    public async Task In_production_a_front_door_with_operator_routes_and_no_token_settings_refuses_to_start_naming_the_keys()
    {
        var host = SchedulerApiFactory.With(new Dictionary<string, string>(), environment: "Production", tokenSettings: false);
        try
        {
            var failure = await Assert.ThrowsAnyAsync<Exception>(host.InitializeAsync);

            var message = string.Join(" | ", Chain(failure).Select(e => e.Message));
            Assert.Contains("Authentication:Schemes:Bearer:SigningKeys:0:Value", message);
            Assert.Contains("Scheduler:Api:OperatorRoutes=false", message);
        }
        finally
        {
            await ((IAsyncLifetime)host).DisposeAsync();
        }
    }

    [Fact]
    public async Task In_production_with_operator_routes_off_a_front_door_starts_and_serves_applicants_only()
    {
        var host = SchedulerApiFactory.With(new Dictionary<string, string> { ["Scheduler:Api:OperatorRoutes"] = "false" }, environment: "Production", tokenSettings: false);
        try
        {
            await host.InitializeAsync();
            var http = host.CreateClient();

            using var procedures = await http.GetAsync("/api/v1/procedures");
            using var admin = await http.GetAsync("/api/v1/admin/utilization?procedure=cpp-biometrics");

            Assert.Equal(HttpStatusCode.OK, procedures.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, admin.StatusCode);
        }
        finally
        {
            await ((IAsyncLifetime)host).DisposeAsync();
        }
    }

    [Fact]
    public async Task In_production_with_token_settings_operators_are_served()
    {
        var host = SchedulerApiFactory.With(new Dictionary<string, string>(), environment: "Production");
        try
        {
            await host.InitializeAsync();

            using var utilization = await host.CreateClient(host.Tokens.Operator()).GetAsync(
                $"/api/v1/admin/utilization?procedure=cpp-biometrics&from={BookingDays.Booking.Text()}&to={BookingDays.Booking.Text()}");

            Assert.Equal(HttpStatusCode.OK, utilization.StatusCode);
        }
        finally
        {
            await ((IAsyncLifetime)host).DisposeAsync();
        }
    }

    private static IEnumerable<Exception> Chain(Exception failure)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
