using Scheduler.Api.Models;

namespace Scheduler.Api.Tests;

/// <summary>Operator routes: a bearer token with role <c>operator</c>, capacity changes that never drop a booking, rosters.</summary>
[Collection(SchedulerApiCollection.Name)]
public sealed class AdminApiTests(SchedulerApiFactory api)
{
    private readonly HttpClient anonymous = api.CreateClient();
    private readonly HttpClient operatorClient = api.CreateClient(api.Tokens.Operator());
    private readonly DateOnly day = BookingDays.Admin;

    public static TheoryData<string, string> AdminRoutes => new()
    {
        { "PUT", "/api/v1/admin/offices/lim-carabaya/capacity" },
        { "GET", $"/api/v1/admin/offices/lim-carabaya/appointments?date={BookingDays.Admin.Text()}" },
        { "POST", "/api/v1/admin/offices/lim-carabaya/closures" },
        { "POST", "/api/v1/admin/capacity/transfers" },
        { "GET", $"/api/v1/admin/utilization?procedure=cpp-biometrics&from={BookingDays.Admin.Text()}&to={BookingDays.Admin.Text()}" },
        { "GET", "/api/v1/admin/audit" },
    };

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task Admin_route_without_a_token_is_a_401(string method, string path)
    {
        using var response = await anonymous.SendAsync(AdminRequest(method, path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task Admin_route_with_a_token_from_an_unknown_signer_is_a_401(string method, string path)
    {
        using var client = api.CreateClient(new OperatorTokens().Operator());

        using var response = await client.SendAsync(AdminRequest(method, path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task Admin_route_with_a_token_without_the_operator_role_is_a_403(string method, string path)
    {
        using var client = api.CreateClient(api.Tokens.WithoutRole());

        using var response = await client.SendAsync(AdminRequest(method, path));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Raising_counters_shows_the_new_capacity_in_availability()
    {
        var before = (await anonymous.DayAsync("lim-carabaya", day))!;
        Assert.All(before.Slots, s => Assert.Equal(12, s.Capacity));

        using var response = await operatorClient.PutAsJsonAsync("/api/v1/admin/offices/lim-carabaya/capacity", Capacity(day, 15));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var change = await response.Content.ReadFromJsonAsync<JsonElement>();
        var changed = Assert.Single(change.GetProperty("changedDays").EnumerateArray());
        Assert.Equal(day.Text(), changed.GetProperty("date").GetString());
        Assert.All(changed.GetProperty("slots").EnumerateArray(), s => Assert.Equal(15, s.GetProperty("capacity").GetInt32()));
        Assert.Empty(change.GetProperty("relocated").EnumerateArray());
        Assert.Empty(change.GetProperty("unplaced").EnumerateArray());
        await Eventually.EqualAsync(15, async () => (await anonymous.DayAsync("lim-carabaya", day))!.Slots.Min(s => s.Capacity));
        var after = (await anonymous.DayAsync("lim-carabaya", day))!;
        Assert.Equal(before.Slots.Count, after.Slots.Count);
        Assert.Equal(before.Capacity + (3 * before.Slots.Count), after.Capacity);
        Assert.All((await anonymous.DayAsync("lim-carabaya", day.AddDays(1)))?.Slots ?? [], s => Assert.Equal(12, s.Capacity));
    }

    [Fact]
    public async Task New_seats_from_raised_counters_can_be_booked()
    {
        const string office = "lim-chorrillos";
        using var response = await operatorClient.PutAsJsonAsync($"/api/v1/admin/offices/{office}/capacity", Capacity(day, 4));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        for (var seat = 0; seat < 4; seat++)
        {
            await anonymous.BookedAsync(Bookings.At(office, day, "08:00"));
        }

        using var fifth = await anonymous.BookAsync(Bookings.At(office, day, "08:00"));
        await Problem.AssertAsync(fifth, HttpStatusCode.Conflict, "slot-full");
    }

    [Fact]
    public async Task The_roster_lists_the_booked_appointment()
    {
        var applicant = Applicants.Next();
        var booked = await anonymous.BookedAsync(Bookings.At("lim-brena", day, "10:00", applicant));

        var roster = await operatorClient.RosterAsync("lim-brena", day);

        Assert.Equal(("lim-brena", day.Text()), (roster!.OfficeId, roster.Date));
        var slot = roster.Procedures.Single(p => p.Procedure == Bookings.Biometrics).Slots.Single(s => s.Start == "10:00");
        Assert.Equal((24, 1), (slot.Capacity, slot.Booked));
        var entry = Assert.Single(slot.Appointments);
        Assert.Equal((booked.Code, "booked", applicant.DocumentNumber, applicant.FullName), (entry.Code, entry.Status, entry.DocumentNumber, entry.FullName));
    }

    [Theory]
    [InlineData("date=tomorrow")]
    [InlineData("date=2026-02-30")]
    public async Task Roster_with_a_malformed_date_is_a_400_naming_date(string query)
    {
        using var response = await operatorClient.GetAsync($"/api/v1/admin/offices/lim-brena/appointments?{query}");

        await Problem.AssertNamesFieldAsync(response, "date");
    }

    [Fact]
    public async Task Roster_of_an_unknown_office_is_a_404()
    {
        using var response = await operatorClient.GetAsync($"/api/v1/admin/offices/no-such-office/appointments?date={day.Text()}");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Cutting_counters_below_what_is_booked_without_relocation_is_a_409_capacity_conflict_that_changes_nothing()
    {
        const string office = "lim-smp";
        var applicant = Applicants.Next();
        var booked = await anonymous.BookedAsync(Bookings.At(office, day, "08:00", applicant));
        await Eventually.EqualAsync(3, () => anonymous.FreeSeatsAsync(office, day, "08:00"));
        var availabilityBefore = await anonymous.AvailabilityTextAsync(office, day);
        var officeBefore = await anonymous.GetStringAsync($"/api/v1/offices/{office}");

        using var response = await operatorClient.PutAsJsonAsync($"/api/v1/admin/offices/{office}/capacity", Capacity(day, 0, relocate: false));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Conflict, "capacity-conflict");
        var displaced = problem.GetProperty("displaced").EnumerateArray().ToArray();
        Assert.Equal(booked.Code, Assert.Single(displaced).GetProperty("code").GetString());
        Assert.Equal(availabilityBefore, await anonymous.AvailabilityTextAsync(office, day));
        Assert.Equal(officeBefore, await anonymous.GetStringAsync($"/api/v1/offices/{office}"));
        Same.Appointment(booked, await anonymous.AppointmentAsync(booked.Code, applicant.DocumentNumber!));
        var another = await anonymous.BookedAsync(Bookings.At(office, day, "08:00"));
        Assert.Equal("08:00", another.Start);
    }

    [Fact]
    public async Task Cutting_counters_below_what_is_booked_relocates_the_appointment_with_its_code()
    {
        const string office = "lim-vmt";
        var applicant = Applicants.Next();
        var booked = await anonymous.BookedAsync(Bookings.At(office, day, "08:00", applicant));

        using var response = await operatorClient.PutAsJsonAsync($"/api/v1/admin/offices/{office}/capacity", Capacity(day, 0));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var change = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(change.GetProperty("unplaced").EnumerateArray());
        var relocation = Assert.Single(change.GetProperty("relocated").EnumerateArray());
        Assert.Equal(booked.Code, relocation.GetProperty("code").GetString());
        var to = relocation.GetProperty("to");
        var moved = await anonymous.AppointmentAsync(booked.Code, applicant.DocumentNumber!);
        Assert.Equal(
            (to.GetProperty("officeId").GetString(), to.GetProperty("date").GetString(), to.GetProperty("start").GetString(), "booked"),
            (moved.OfficeId, moved.Date, moved.Start, moved.Status));
        Assert.False(moved.OfficeId == office && moved.Date == day.Text(), "The appointment should have left the closed day");
        Assert.Null(await anonymous.DayAsync(office, day));
    }

    [Theory]
    [InlineData("""{"procedure":"cpp-biometrics","from":"2026-01-01","to":"2026-01-01","counters":501}""", "counters")]
    [InlineData("""{"procedure":"cpp-biometrics","from":"2026-01-01","to":"2026-01-01"}""", "counters")]
    [InlineData("""{"procedure":"no-such","from":"2026-01-01","to":"2026-01-01","counters":3}""", "procedure")]
    [InlineData("""{"procedure":"cpp-biometrics","from":"01-01-2026","to":"2026-01-01","counters":3}""", "from")]
    [InlineData("""{"procedure":"cpp-biometrics","from":"2026-01-02","to":"2026-01-01","counters":3}""", "to")]
    [InlineData("""{"procedure":"cpp-biometrics","from":"2026-01-01","to":"2026-01-01","counters":3,"weekdays":["funday"]}""", "weekdays[0]")]
    [InlineData("""{"procedure":"cpp-biometrics","from":"2026-01-01","to":"2026-01-01","counters":3,"open":"09:00"}""", "close")]
    [InlineData("""{"procedure":"cpp-biometrics","from":"2026-01-01","to":"2026-01-01","counters":"three"}""", "counters")]
    public async Task Capacity_change_with_bad_input_is_a_400_naming_the_field(string body, string field)
    {
        var officeBefore = await anonymous.GetStringAsync("/api/v1/offices/lim-carabaya");

        using var response = await operatorClient.PutAsync(
            "/api/v1/admin/offices/lim-carabaya/capacity", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await Problem.AssertNamesFieldAsync(response, field);
        Assert.Equal(officeBefore, await anonymous.GetStringAsync("/api/v1/offices/lim-carabaya"));
    }

    [Fact]
    public async Task Capacity_change_at_an_unknown_office_is_a_404()
    {
        using var response = await operatorClient.PutAsJsonAsync("/api/v1/admin/offices/no-such-office/capacity", Capacity(day, 3));

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Setting_hours_changes_the_slot_grid_availability_shows_and_the_new_first_slot_can_be_booked()
    {
        const string office = "lim-puruchuco"; // agency hours, 08:00-17:00
        var date = BookingDays.Hours;
        var before = (await anonymous.DayAsync(office, date))!;
        Assert.Equal(("08:00", "16:40"), (before.Slots[0].Start, before.Slots[^1].Start));

        var change = await operatorClient.CapacityChangedAsync(office, OperatorRequests.Capacity(date, 8, open: "07:00", close: "19:00"));

        var plan = Assert.Single(change.ChangedDays);
        Assert.Equal(("07:00", "18:40", "19:00", 36), (plan.Slots[0].Start, plan.Slots[^1].Start, plan.Slots[^1].End, plan.Slots.Count));
        await Eventually.EqualAsync(("07:00", "18:40"), async () =>
        {
            var day = (await anonymous.DayAsync(office, date))!;
            return (day.Slots[0].Start, day.Slots[^1].Start);
        });
        Assert.All((await anonymous.DayAsync(office, date))!.Slots, s => Assert.Equal(8, s.Capacity));
        Assert.Equal("07:00", (await anonymous.BookedAsync(Bookings.At(office, date, "07:00"))).Start);
        Assert.Equal("18:40", (await anonymous.BookedAsync(Bookings.At(office, date, "18:40"))).Start);
    }

    [Fact]
    public async Task Cutting_counters_below_what_a_slot_holds_relocates_its_latest_booking_and_keeps_everyone_seated()
    {
        const string office = "lim-sjl"; // 4 counters
        var date = BookingDays.Hours;
        var applicants = new[] { Applicants.Next(), Applicants.Next(), Applicants.Next() };
        var booked = new List<AppointmentResponse>();
        foreach (var applicant in applicants)
        {
            booked.Add(await anonymous.BookedAsync(Bookings.At(office, date, "08:00", applicant)));
        }

        var change = await operatorClient.CapacityChangedAsync(office, OperatorRequests.Capacity(date, 2));

        Assert.Empty(change.Unplaced);
        var relocation = Assert.Single(change.Relocated);
        Assert.Equal(booked[2].Code, relocation.Code);
        Assert.Equal(new PlaceResponse(office, date.Text(), "08:00"), relocation.From);
        Assert.Equal(new PlaceResponse(office, date.Text(), "08:20"), relocation.To);
        var moved = await anonymous.AppointmentAsync(booked[2].Code, applicants[2].DocumentNumber!);
        Assert.Equal(("booked", office, date.Text(), "08:20"), (moved.Status, moved.OfficeId, moved.Date, moved.Start));
        Assert.Equal("relocated", moved.History[^1].Action);
        Same.Appointment(booked[0], await anonymous.AppointmentAsync(booked[0].Code, applicants[0].DocumentNumber!));
        Same.Appointment(booked[1], await anonymous.AppointmentAsync(booked[1].Code, applicants[1].DocumentNumber!));
        var slots = (await operatorClient.RosterAsync(office, date))!.Procedures.Single(p => p.Procedure == Bookings.Biometrics).Slots;
        Assert.All(slots, s => Assert.True(s.Capacity == 2 && s.Booked <= 2, $"{s.Start}: {s.Booked} booked of {s.Capacity}"));
        Assert.Equal(new[] { booked[0].Code, booked[1].Code }.Order(), slots.Single(s => s.Start == "08:00").Appointments.Select(a => a.Code).Order());
        Assert.Equal(booked[2].Code, Assert.Single(slots.Single(s => s.Start == "08:20").Appointments).Code);
    }

    private static object Capacity(DateOnly date, int counters, bool? relocate = null) =>
        new { procedure = Bookings.Biometrics, from = date.Text(), to = date.Text(), counters, reason = "test", relocate };

    /// <summary>A request to an operator route; a write carries an empty object, which only an authorised caller gets to have refused.</summary>
    private static HttpRequestMessage AdminRequest(string method, string path) => method == "GET"
        ? new HttpRequestMessage(HttpMethod.Get, path)
        : new HttpRequestMessage(new HttpMethod(method), path) { Content = ApiCalls.RawJson("{}") };
    [Fact]
    public async Task A_capacity_change_that_fails_between_days_is_finished_by_a_retry_with_its_Idempotency_Key_which_answers_the_same_result()
    {
        const string office = "ilo"; // 2 counters
        var first = BookingDays.OperatorRetry;
        var last = first.AddDays(30);
        var key = "cap-" + Guid.NewGuid().ToString("N");
        var body = new CapacityRequest(Bookings.Biometrics, first.Text(), last.Text(), null, null, null, 3, $"retry {key}", null, null, null);
        api.Faults.Arm(Scheduler.Grains.Grains.OfficeGrain.BetweenDays, key);

        using (var failed = await operatorClient.SendWithKeyAsync(HttpMethod.Put, OperatorCalls.CapacityUri(office), body, key))
        {
            await Problem.AssertAsync(failed, HttpStatusCode.ServiceUnavailable, "unavailable");
        }

        // Half-way: the first days adopted the change, the later ones did not.
        var capacities = await PlannedCapacitiesAsync(office, first, last);
        Assert.Contains(3, capacities.Values);
        Assert.Contains(2, capacities.Values);
        Assert.Contains((await operatorClient.AuditAsync(DateTimeOffset.UtcNow.AddMinutes(-1)))!, e => e.OperationId == key && e.Status == "in-progress");

        using var retried = await operatorClient.SendWithKeyAsync(HttpMethod.Put, OperatorCalls.CapacityUri(office), body, key);
        var retriedText = await retried.Content.ReadAsStringAsync();
        var result = await ApiCalls.ReadAsync<CapacityResponse>(retried);
        Assert.Equal(key, result.OperationId);
        Assert.All((await PlannedCapacitiesAsync(office, first, last)).Values, c => Assert.Equal(3, c));
        Assert.Equal(capacities.Keys.Order(), result.ChangedDays.Where(d => d.Procedure == Bookings.Biometrics).Select(d => d.Date).Order());

        // After success the same request answers the same result and changes nothing again.
        using var replayed = await operatorClient.SendWithKeyAsync(HttpMethod.Put, OperatorCalls.CapacityUri(office), body, key);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal(retriedText, await replayed.Content.ReadAsStringAsync());
        var audit = (await operatorClient.AuditAsync(DateTimeOffset.UtcNow.AddMinutes(-1)))!.Where(e => e.OperationId == key).ToArray();
        var entry = Assert.Single(audit);
        Assert.Equal(("capacity-changed", office, "completed", $"retry {key}"), (entry.Action, entry.Target, entry.Status, entry.Reason));
    }

    [Fact]
    public async Task A_capacity_change_without_a_key_answers_its_operation_id_and_reusing_it_for_another_change_is_a_422_naming_Idempotency_Key()
    {
        const string office = "jz-puno"; // 2 counters
        var date = BookingDays.OperatorRetry;

        using var answered = await operatorClient.SetCapacityAsync(office, OperatorRequests.Capacity(date, 3));
        var firstText = await answered.Content.ReadAsStringAsync();
        var first = await ApiCalls.ReadAsync<CapacityResponse>(answered);
        Assert.False(string.IsNullOrWhiteSpace(first.OperationId));

        using (var same = await operatorClient.SendWithKeyAsync(HttpMethod.Put, OperatorCalls.CapacityUri(office), OperatorRequests.Capacity(date, 3), first.OperationId))
        {
            Assert.Equal(HttpStatusCode.OK, same.StatusCode);
            Assert.Equal(firstText, await same.Content.ReadAsStringAsync());
        }

        using var reused = await operatorClient.SendWithKeyAsync(HttpMethod.Put, OperatorCalls.CapacityUri(office), OperatorRequests.Capacity(date, 1), first.OperationId);
        var problem = await Problem.AssertAsync(reused, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.All((await PlannedCapacitiesAsync(office, date, date)).Values, c => Assert.Equal(3, c));

        // A closure is another kind of operation: its key cannot be one a capacity change took either.
        using var closure = await operatorClient.SendWithKeyAsync(HttpMethod.Post, OperatorCalls.ClosuresUri(office), OperatorRequests.Closure(date), first.OperationId);
        await Problem.AssertAsync(closure, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.All((await PlannedCapacitiesAsync(office, date, date)).Values, c => Assert.Equal(3, c));
    }

    /// <summary>Counters (the capacity of the first slot) of every open day in [first, last], as the day inventories hold them.</summary>
    private async Task<Dictionary<string, int>> PlannedCapacitiesAsync(string office, DateOnly first, DateOnly last)
    {
        var capacities = new Dictionary<string, int>();
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            var roster = await operatorClient.RosterAsync(office, date);
            if (roster!.Procedures.Single(p => p.Procedure == Bookings.Biometrics).Slots is [var slot, ..])
            {
                capacities[date.Text()] = slot.Capacity;
            }
        }

        return capacities;
    }
}
