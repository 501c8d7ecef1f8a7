using System.Net.Http.Headers;
using System.Text;

namespace Scheduler.Api.Tests;

/// <summary>
/// Rules every route keeps for bad input: dates the service does not plan, oversized bodies, any Accept header,
/// operators checked before the body is, strict numbers and no control characters in query values.
/// </summary>
[Collection(SchedulerApiCollection.Name)]
public sealed class RequestRulesTests(SchedulerApiFactory api)
{
    private const string EndOfCalendar = "9999-12-31";
    private readonly HttpClient http = api.CreateClient();
    private readonly HttpClient operatorClient = api.CreateClient(api.Tokens.Operator());

    public static TheoryData<string, string> SearchesAtTheEndOfTheCalendar => new()
    {
        { $"/api/v1/offices/lim-brena/availability?procedure=cpp-biometrics&from={EndOfCalendar}&to={EndOfCalendar}", "from" },
        { $"/api/v1/offices/lim-brena/availability?procedure=cpp-biometrics&from={EndOfCalendar}", "from" },
        { $"/api/v1/offices/lim-brena/availability?procedure=cpp-biometrics&to={EndOfCalendar}", "to" },
        { $"/api/v1/offices/lim-brena/availability?procedure=cpp-biometrics&from={BookingDays.Today.AddDays(BookingDays.HorizonDays + 1).Text()}", "from" },
        { $"/api/v1/availability/earliest?procedure=cpp-biometrics&near=-12.05,-77.04&from={EndOfCalendar}", "from" },
    };

    [Theory]
    [MemberData(nameof(SearchesAtTheEndOfTheCalendar))]
    public async Task A_search_date_beyond_the_booking_window_is_a_400_naming_it(string uri, string field)
    {
        using var response = await http.GetAsync(uri);

        await Problem.AssertNamesFieldAsync(response, field);
    }

    public static TheoryData<string, string> OperatorReadsAtTheEdgesOfTheCalendar => new()
    {
        { $"/api/v1/admin/utilization?procedure=cpp-biometrics&from={EndOfCalendar}&to={EndOfCalendar}", "from" },
        { $"/api/v1/admin/utilization?procedure=cpp-biometrics&from={EndOfCalendar}", "from" },
        { $"/api/v1/admin/utilization?procedure=cpp-biometrics&to={EndOfCalendar}", "to" },
        { "/api/v1/admin/utilization?procedure=cpp-biometrics&from=0001-01-01", "from" },
        { $"/api/v1/admin/offices/lim-brena/appointments?date={EndOfCalendar}", "date" },
        { "/api/v1/admin/offices/lim-brena/appointments?date=0001-01-01", "date" },
        { "/api/v1/admin/audit?from=9999-12-01T00:00:00Z&to=9999-12-31T23:59:59Z", "from" },
    };

    [Theory]
    [MemberData(nameof(OperatorReadsAtTheEdgesOfTheCalendar))]
    public async Task An_operator_date_more_than_a_year_from_today_is_a_400_naming_it(string uri, string field)
    {
        using var response = await operatorClient.GetAsync(uri);

        await Problem.AssertNamesFieldAsync(response, field);
    }

    public static TheoryData<string, string, string, string> OperatorChangesAtTheEndOfTheCalendar => new()
    {
        { "PUT", "/api/v1/admin/offices/lim-brena/capacity", $$"""{"procedure":"cpp-biometrics","from":"{{EndOfCalendar}}","to":"{{EndOfCalendar}}","counters":1}""", "from" },
        { "PUT", "/api/v1/admin/offices/lim-brena/capacity", $$"""{"procedure":"cpp-biometrics","from":"{{BookingDays.Admin.Text()}}","to":"{{EndOfCalendar}}","counters":1}""", "to" },
        { "POST", "/api/v1/admin/offices/lim-brena/closures", $$"""{"date":"{{EndOfCalendar}}","reason":"test"}""", "date" },
        { "POST", "/api/v1/admin/capacity/transfers", $$"""{"procedure":"cpp-biometrics","fromOfficeId":"lim-brena","toOfficeId":"lim-sjl","from":"{{EndOfCalendar}}","to":"{{EndOfCalendar}}","counters":1}""", "to" },
    };

    [Theory]
    [MemberData(nameof(OperatorChangesAtTheEndOfTheCalendar))]
    public async Task An_operator_change_more_than_a_year_ahead_is_a_400_naming_it(string method, string uri, string json, string field)
    {
        using var response = await operatorClient.SendAsync(new HttpRequestMessage(new HttpMethod(method), uri) { Content = ApiCalls.RawJson(json) });

        await Problem.AssertNamesFieldAsync(response, field);
    }

    [Theory]
    [InlineData("from")]
    [InlineData("to")]
    public async Task A_waitlist_date_at_the_end_of_the_calendar_is_a_400_naming_it(string field)
    {
        var applicant = JsonSerializer.Serialize(Applicants.Next(), JsonSerializerOptions.Web);
        var json = $$"""{"procedure":"cpp-biometrics","near":"-12.05,-77.04","{{field}}":"{{EndOfCalendar}}","applicant":{{applicant}}}""";

        using var response = await http.PostAsync("/api/v1/waitlist", ApiCalls.RawJson(json));

        await Problem.AssertNamesFieldAsync(response, field);
    }

    public static TheoryData<string, string, bool> RoutesWithABody => new()
    {
        { "POST", "/api/v1/appointments", false },
        { "POST", "/api/v1/appointments/ABCD-2345/reschedule", false },
        { "POST", "/api/v1/waitlist", false },
        { "PUT", "/api/v1/admin/offices/lim-brena/capacity", true },
        { "POST", "/api/v1/admin/offices/lim-brena/closures", true },
        { "POST", "/api/v1/admin/capacity/transfers", true },
    };

    [Theory]
    [MemberData(nameof(RoutesWithABody))]
    public async Task A_body_over_64_KB_is_a_413_problem(string method, string uri, bool asOperator)
    {
        var json = $$"""{"reason":"{{new string('x', 64 * 1024)}}"}""";

        using var response = await (asOperator ? operatorClient : http).SendAsync(
            new HttpRequestMessage(new HttpMethod(method), uri) { Content = ApiCalls.RawJson(json) });

        var problem = await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _), problem.ToString());
    }

    [Fact]
    public async Task A_body_over_64_KB_sent_without_a_length_is_a_413_problem()
    {
        var content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes($$"""{"procedure":"{{new string('x', 70 * 1024)}}"}""")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await http.PostAsync("/api/v1/appointments", content);

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
    }

    [Fact]
    public async Task A_body_under_64_KB_sent_without_a_length_is_read()
    {
        var content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes("""{"procedure":"PASSPORT RENEWAL"}""")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await http.PostAsync("/api/v1/appointments", content);

        await Problem.AssertNamesFieldAsync(response, "procedure");
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("text/html")]
    [InlineData("text/plain")]
    public async Task A_client_error_is_a_problem_whatever_the_Accept_header_says(string accept)
    {
        foreach (var (client, uri, status) in new[]
        {
            (http, "/api/v1/offices?limit=many", HttpStatusCode.BadRequest),
            (http, "/api/v1/offices?limit=0", HttpStatusCode.BadRequest),
            (http, "/api/v1/offices/lim-atlantis", HttpStatusCode.NotFound),
            (http, "/api/v1/nowhere", HttpStatusCode.NotFound),
            (http, "/api/v1/admin/audit", HttpStatusCode.Unauthorized),
            (api.CreateClient(api.Tokens.WithoutRole()), "/api/v1/admin/audit", HttpStatusCode.Forbidden),
        })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.ParseAdd(accept);

            using var response = await client.SendAsync(request);

            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{uri}: expected {(int)status}, got {(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal((int)status, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        }
    }

    [Theory]
    [MemberData(nameof(RoutesWithABody))]
    public async Task An_operator_route_refuses_an_anonymous_caller_before_looking_at_the_body(string method, string uri, bool isOperatorRoute)
    {
        foreach (var content in new HttpContent[]
        {
            new StringContent("{}", Encoding.UTF8, "text/plain"),
            new ByteArrayContent([0xff, 0xfe]),
            ApiCalls.RawJson("""{"counters":"""),
            ApiCalls.RawJson($$"""{"reason":"{{new string('x', 64 * 1024)}}"}"""),
        })
        {
            using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), uri) { Content = content });

            if (isOperatorRoute)
            {
                await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
            }
            else
            {
                Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
            }
        }
    }

    [Fact]
    public async Task An_operator_route_refuses_a_caller_without_the_role_before_looking_at_the_method()
    {
        using var client = api.CreateClient(api.Tokens.WithoutRole());

        using var response = await client.DeleteAsync("/api/v1/admin/utilization");

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Availability_up_to_a_day_past_the_booking_window_shows_only_bookable_days()
    {
        var lastDay = BookingDays.Today.AddDays(BookingDays.HorizonDays);

        var availability = await http.GetFromJsonAsync<Scheduler.Api.Models.AvailabilityResponse>(
            ApiCalls.AvailabilityUri("lim-brena", lastDay.AddDays(-3), lastDay.AddDays(10)));

        Assert.NotEmpty(availability!.Days);
        Assert.All(availability.Days, d => Assert.True(string.CompareOrdinal(d.Date, lastDay.Text()) <= 0, $"{d.Date} is past {lastDay.Text()}"));
    }

    [Theory]
    [InlineData("radiusKm", "1,5")]
    [InlineData("radiusKm", "1e3")]
    [InlineData("radiusKm", "+5")]
    [InlineData("radiusKm", " 5")]
    [InlineData("radiusKm", "5 ")]
    [InlineData("radiusKm", "1,000")]
    [InlineData("limit", "1,0")]
    [InlineData("limit", "+5")]
    [InlineData("limit", " 5")]
    [InlineData("limit", "0x10")]
    public async Task A_number_not_written_with_plain_digits_is_a_400_naming_it(string field, string value)
    {
        using var response = await http.GetAsync(
            $"/api/v1/availability/earliest?procedure=cpp-biometrics&near=-12.05,-77.04&{field}={Uri.EscapeDataString(value)}");

        await Problem.AssertNamesFieldAsync(response, field);
    }

    [Theory]
    [InlineData("radiusKm=1.5")]
    [InlineData("radiusKm=50&limit=5")]
    [InlineData("radiusKm=-0.0001&limit=5")]
    public async Task Numbers_with_digits_and_a_point_are_read_in_every_culture(string query)
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("es-PE");
        try
        {
            using var response = await http.GetAsync($"/api/v1/availability/earliest?procedure=cpp-biometrics&near=-12.05,-77.04&{query}");

            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"got {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                // A negative radius is refused for its value, never for how it is written.
                var problem = await Problem.AssertNamesFieldAsync(response, "radiusKm");
                Assert.Contains("between", problem.GetProperty("errors").GetProperty("radiusKm")[0].GetString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    [Theory]
    [InlineData("PUT", "/api/v1/admin/offices/lim-brena/capacity", """{"procedure":"cpp-biometrics","from":"DAY","to":"DAY","counters":"5"}""", "counters")]
    [InlineData("PUT", "/api/v1/admin/offices/lim-brena/capacity", """{"procedure":"cpp-biometrics","from":"DAY","to":"DAY","counters":3,"radiusKm":"1,5"}""", "radiusKm")]
    [InlineData("POST", "/api/v1/admin/offices/lim-brena/closures", """{"date":"DAY","reason":"strike","searchDays":"2"}""", "searchDays")]
    [InlineData("POST", "/api/v1/admin/capacity/transfers", """{"procedure":"cpp-biometrics","fromOfficeId":"lim-brena","toOfficeId":"lim-sjl","from":"DAY","to":"DAY","counters":"1"}""", "counters")]
    public async Task A_number_sent_as_a_JSON_string_is_a_400_naming_it(string method, string uri, string json, string field)
    {
        var body = ApiCalls.RawJson(json.Replace("DAY", BookingDays.Today.AddDays(BookingDays.HorizonDays).Text(), StringComparison.Ordinal));

        using var response = await operatorClient.SendAsync(new HttpRequestMessage(new HttpMethod(method), uri) { Content = body });

        await Problem.AssertNamesFieldAsync(response, field);
    }

    [Fact]
    public async Task A_waitlist_radius_sent_as_a_JSON_string_is_a_400_naming_it()
    {
        var applicant = JsonSerializer.Serialize(Applicants.Next(), JsonSerializerOptions.Web);
        var json = $$"""{"procedure":"cpp-biometrics","near":"-12.05,-77.04","radiusKm":"1,5","applicant":{{applicant}}}""";

        using var response = await http.PostAsync("/api/v1/waitlist", ApiCalls.RawJson(json));

        await Problem.AssertNamesFieldAsync(response, "radiusKm");
    }

    [Theory]
    [InlineData("/api/v1/offices?procedure=cpp%00biometrics", "procedure")]
    [InlineData("/api/v1/offices?near=-12.05%0A,-77.04", "near")]
    [InlineData("/api/v1/procedures?anything=%1b%5B31m", "anything")]
    [InlineData("/api/v1/offices/lim-brena/availability?procedure=cpp-biometrics&from=2026-01-01%0D", "from")]
    [InlineData("/api/v1/availability/earliest?procedure=cpp-biometrics&near=-12.05,-77.04&radiusKm=5%09", "radiusKm")]
    public async Task A_control_character_in_a_query_value_is_a_400_naming_the_parameter(string uri, string field)
    {
        using var response = await http.GetAsync(uri);

        await Problem.AssertNamesFieldAsync(response, field);
    }

    /// <summary>A body stream of unknown length, so the client sends it chunked.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
