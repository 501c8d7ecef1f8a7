using Scheduler.Api.Models;

namespace Scheduler.Api.Tests;

/// <summary>Procedures, offices, availability and the earliest free slot nearby.</summary>
[Collection(SchedulerApiCollection.Name)]
public sealed class SearchApiTests(SchedulerApiFactory api)
{
    private const string LimaCentre = "-12.0586,-77.0496";
    private readonly HttpClient http = api.CreateClient();

    [Fact]
    public async Task Procedures_lists_the_procedures_on_offer()
    {
        var procedures = await http.GetFromJsonAsync<ProcedureResponse[]>("/api/v1/procedures");

        Assert.Contains(procedures!, p => p is { Id: "cpp-biometrics", SlotMinutes: 20 });
        Assert.Contains(procedures!, p => p is { Id: "cpp-card-pickup", SlotMinutes: 10 });
    }

    [Fact]
    public async Task Offices_without_near_list_every_office_without_distance()
    {
        var offices = await http.GetFromJsonAsync<OfficeResponse[]>("/api/v1/offices");

        Assert.Equal(27, offices!.Length);
        Assert.All(offices, o => Assert.Null(o.DistanceKm));
        Assert.Contains(offices, o => o is { Id: "lim-brena", TimeZone: "America/Lima" });
    }

    [Fact]
    public async Task Offices_near_a_point_are_sorted_by_distance_with_distanceKm_set()
    {
        var offices = await http.GetFromJsonAsync<OfficeResponse[]>($"/api/v1/offices?procedure=cpp-biometrics&near={LimaCentre}&limit=30");

        Assert.Equal("lim-brena", offices![0].Id);
        Assert.Equal(0, offices[0].DistanceKm);
        Assert.All(offices, o => Assert.NotNull(o.DistanceKm));
        Assert.Equal(offices.OrderBy(o => o.DistanceKm).Select(o => o.Id), offices.Select(o => o.Id));
        Assert.True(offices[^1].DistanceKm > 500, "The farthest office should be outside Lima");
    }

    [Fact]
    public async Task Offices_limit_caps_the_list()
    {
        var offices = await http.GetFromJsonAsync<OfficeResponse[]>($"/api/v1/offices?near={LimaCentre}&limit=3");

        Assert.Equal(3, offices!.Length);
    }

    [Theory]
    [InlineData("near", "lima")]
    [InlineData("near", "-12.05")]
    [InlineData("near", "95,-77")]
    [InlineData("limit", "0")]
    [InlineData("procedure", "no-such-procedure")]
    public async Task Offices_with_a_bad_query_are_a_400_naming_it(string field, string value)
    {
        using var response = await http.GetAsync($"/api/v1/offices?{field}={Uri.EscapeDataString(value)}");

        await Problem.AssertNamesFieldAsync(response, field);
    }

    [Theory]
    [InlineData("/api/v1/offices?limit=many", "limit")]
    [InlineData("/api/v1/availability/earliest?procedure=cpp-biometrics&near=-12.05,-77.04&radiusKm=far", "radiusKm")]
    public async Task A_query_value_of_the_wrong_type_is_a_400_naming_it(string uri, string field)
    {
        using var response = await http.GetAsync(uri);

        await Problem.AssertNamesFieldAsync(response, field);
    }

    [Theory]
    [InlineData("/api/v1/offices?limit=many")]
    [InlineData("/api/v1/availability/earliest?procedure=cpp-biometrics&near=-12.05,-77.04&radiusKm=far")]
    public async Task A_query_value_of_the_wrong_type_is_a_400_problem(string uri)
    {
        using var response = await http.GetAsync(uri);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "validation-error");
    }

    [Fact]
    public async Task Office_by_id_shows_hours_counters_and_holidays()
    {
        var office = await http.GetFromJsonAsync<OfficeDetailResponse>("/api/v1/offices/lim-brena");

        Assert.Equal("lim-brena", office!.Id);
        Assert.Equal(24, office.Counters["cpp-biometrics"]);
        Assert.Equal(new HoursResponse("08:00", "17:00"), office.WeeklyHours["monday"]);
        Assert.Equal(new HoursResponse("08:00", "14:00"), office.WeeklyHours["saturday"]);
        Assert.False(office.WeeklyHours.ContainsKey("sunday"));
        Assert.Contains($"{DateTimeOffset.UtcNow.Year}-07-28", office.Holidays); // the seed covers holidays from the current UTC year
    }

    [Fact]
    public async Task Unknown_office_is_a_404()
    {
        using var response = await http.GetAsync("/api/v1/offices/no-such-office");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Availability_lists_every_slot_with_capacity_and_free_seats()
    {
        var day = await http.DayAsync("lim-brena", BookingDays.Search);

        Assert.NotNull(day);
        Assert.Equal(27, day.Slots.Count); // 08:00 to 17:00 in 20-minute slots
        Assert.Equal(new SlotResponse("08:00", "08:20", 24, 24), day.Slots[0]);
        Assert.Equal("16:40", day.Slots[^1].Start);
        Assert.Equal(27 * 24, day.Capacity);
        Assert.Equal(day.Slots.Sum(s => s.Free), day.Free);
    }

    [Fact]
    public async Task Availability_answers_are_rendered_per_office_procedure_and_range()
    {
        var day = BookingDays.Search;

        // Asked back to back, so that each answer could come from the rendered-body cache.
        var brena = await http.GetFromJsonAsync<AvailabilityResponse>(ApiCalls.AvailabilityUri("lim-brena", day, day));
        var carabaya = await http.GetFromJsonAsync<AvailabilityResponse>(ApiCalls.AvailabilityUri("lim-carabaya", day, day));
        var pickup = await http.GetFromJsonAsync<AvailabilityResponse>(ApiCalls.AvailabilityUri("lim-brena", day, day, "cpp-card-pickup"));
        var week = await http.GetFromJsonAsync<AvailabilityResponse>(ApiCalls.AvailabilityUri("lim-brena", day, day.AddDays(6)));

        Assert.Equal(("lim-brena", "cpp-biometrics"), (brena!.OfficeId, brena.Procedure));
        Assert.Equal(24, brena.Days.Single().Slots[0].Capacity);
        Assert.Equal("lim-carabaya", carabaya!.OfficeId);
        Assert.Equal(12, carabaya.Days.Single().Slots[0].Capacity);
        Assert.Equal("cpp-card-pickup", pickup!.Procedure);
        Assert.Equal("08:10", pickup.Days.Single().Slots[0].End); // 10-minute slots
        Assert.True(week!.Days.Count > 1, "a week's range is not answered with the one-day body");
        Assert.Equal(brena.Days.Single().Date, week.Days[0].Date);
    }

    [Fact]
    public async Task Availability_has_no_sundays()
    {
        var availability = await http.GetFromJsonAsync<AvailabilityResponse>(
            ApiCalls.AvailabilityUri("lim-brena", BookingDays.Search, BookingDays.Search.AddDays(13)));

        Assert.NotEmpty(availability!.Days);
        Assert.DoesNotContain(availability.Days, d => DateOnly.Parse(d.Date, System.Globalization.CultureInfo.InvariantCulture).DayOfWeek == DayOfWeek.Sunday);
        Assert.DoesNotContain(availability.Days, d => d.Date == BookingDays.Sunday.Text());
    }

    [Fact]
    public async Task Availability_of_an_unknown_office_is_a_404()
    {
        using var response = await http.GetAsync(ApiCalls.AvailabilityUri("no-such-office", BookingDays.Search, BookingDays.Search));

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("no-such-procedure")]
    [InlineData("CPP BIOMETRICS")]
    [InlineData("")]
    public async Task Availability_for_an_unknown_procedure_is_a_400_naming_procedure(string procedure)
    {
        using var response = await http.GetAsync($"/api/v1/offices/lim-brena/availability?procedure={Uri.EscapeDataString(procedure)}");

        await Problem.AssertNamesFieldAsync(response, "procedure");
    }

    [Theory]
    [InlineData("from", "2026-13-01")]
    [InlineData("from", "tomorrow")]
    [InlineData("to", "01/02/2026")]
    [InlineData("to", "2026-02-30")]
    public async Task Availability_with_a_malformed_date_is_a_400_naming_it(string field, string value)
    {
        using var response = await http.GetAsync($"/api/v1/offices/lim-brena/availability?procedure=cpp-biometrics&{field}={Uri.EscapeDataString(value)}");

        await Problem.AssertNamesFieldAsync(response, field);
    }

    [Fact]
    public async Task Availability_with_to_before_from_is_a_400_naming_to()
    {
        using var response = await http.GetAsync(ApiCalls.AvailabilityUri("lim-brena", BookingDays.Search, BookingDays.Search.AddDays(-1)));

        await Problem.AssertNamesFieldAsync(response, "to");
    }

    [Fact]
    public async Task Earliest_free_slots_are_sorted_by_date_then_distance()
    {
        var earliest = await http.GetFromJsonAsync<EarliestSlotResponse[]>(
            $"/api/v1/availability/earliest?procedure=cpp-biometrics&near={LimaCentre}&radiusKm=50&limit=20");

        Assert.True(earliest!.Length >= 5, $"Expected the Lima offices, got {earliest.Length}");
        Assert.All(earliest, e => Assert.True(e.DistanceKm <= 50 && e.Free > 0));
        var sorted = earliest.OrderBy(e => e.Date, StringComparer.Ordinal).ThenBy(e => e.DistanceKm).Select(e => e.OfficeId);
        Assert.Equal(sorted, earliest.Select(e => e.OfficeId));
        Assert.Equal(earliest.Length, earliest.Select(e => e.OfficeId).Distinct().Count());
    }

    [Fact]
    public async Task Earliest_from_a_date_starts_at_that_date()
    {
        var earliest = await http.GetFromJsonAsync<EarliestSlotResponse[]>(
            $"/api/v1/availability/earliest?procedure=cpp-biometrics&near={LimaCentre}&from={BookingDays.Search.Text()}");

        Assert.NotNull(earliest);
        Assert.NotEmpty(earliest);
        Assert.All(earliest, e => Assert.Equal(BookingDays.Search.Text(), e.Date));
        Assert.Equal("lim-brena", earliest[0].OfficeId);
        Assert.Equal("08:00", earliest[0].Start);
    }

    [Theory]
    [InlineData("-12.0586,-77.0496", 300)]   // Lima: many offices, several at nearly the same distance
    [InlineData("-16.4000,-71.5300", 300)]   // Arequipa
    [InlineData("-3.7500,-73.2500", 800)]    // Iquitos
    [InlineData("-9.0000,-75.0000", 5000)]   // every office
    public async Task Earliest_lists_each_office_in_reach_once_with_its_first_free_slot_and_distance(string near, int radiusKm)
    {
        var from = BookingDays.Search.Text();
        var all = (await http.GetFromJsonAsync<EarliestSlotResponse[]>(
            $"/api/v1/availability/earliest?procedure=cpp-biometrics&near={near}&radiusKm={radiusKm}&from={from}&limit=100"))!;
        var offices = await http.GetFromJsonAsync<OfficeResponse[]>($"/api/v1/offices?procedure=cpp-biometrics&near={near}&limit=500");

        var inReach = offices!.Where(o => o.DistanceKm <= radiusKm).ToDictionary(o => o.Id);
        Assert.NotEmpty(all);
        Assert.Equal(inReach.Keys.Order(StringComparer.Ordinal), all.Select(e => e.OfficeId).Order(StringComparer.Ordinal));
        foreach (var e in all)
        {
            Assert.Equal(inReach[e.OfficeId].DistanceKm, e.DistanceKm);
            var days = await http.GetFromJsonAsync<AvailabilityResponse>(
                $"/api/v1/offices/{e.OfficeId}/availability?procedure=cpp-biometrics&from={from}&to={BookingDays.Search.AddDays(13).Text()}");
            var first = days!.Days.SelectMany(d => d.Slots.Where(s => s.Free > 0).Select(s => (d.Date, s.Start, s.End, s.Free))).First();
            Assert.Equal(first, (e.Date, e.Start, e.End, e.Free));
        }

        // Sorted by date, then distance, then start; nearer offices first among equals (catalogue order after that).
        var expected = all.OrderBy(e => e.Date, StringComparer.Ordinal).ThenBy(e => e.DistanceKm).ThenBy(e => e.Start, StringComparer.Ordinal);
        Assert.Equal(expected.Select(e => e.OfficeId), all.Select(e => e.OfficeId));
        var firstThree = await http.GetFromJsonAsync<EarliestSlotResponse[]>(
            $"/api/v1/availability/earliest?procedure=cpp-biometrics&near={near}&radiusKm={radiusKm}&from={from}&limit=3");
        Assert.Equal(all.Take(3), firstThree);
    }

    [Theory]
    [InlineData("procedure=cpp-biometrics", "near")]
    [InlineData("procedure=cpp-biometrics&near=somewhere", "near")]
    [InlineData("near=-12.05,-77.04", "procedure")]
    [InlineData("procedure=cpp-biometrics&near=-12.05,-77.04&radiusKm=-1", "radiusKm")]
    [InlineData("procedure=cpp-biometrics&near=-12.05,-77.04&from=2026-1-1", "from")]
    public async Task Earliest_with_a_missing_or_bad_parameter_is_a_400_naming_it(string query, string field)
    {
        using var response = await http.GetAsync($"/api/v1/availability/earliest?{query}");

        await Problem.AssertNamesFieldAsync(response, field);
    }
}
