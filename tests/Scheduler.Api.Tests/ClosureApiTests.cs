using Scheduler.Api.Models;

namespace Scheduler.Api.Tests;

/// <summary>POST /api/v1/admin/offices/{officeId}/closures: a day closed, its appointments moved with their codes, or the closure refused.</summary>
[Collection(SchedulerApiCollection.Name)]
public sealed class ClosureApiTests(SchedulerApiFactory api)
{
    private const string OperatorName = "ana.operator";
    private const string SanJuanDeLurigancho = "-11.98,-76.995"; // lim-sjl
    private readonly HttpClient anonymous = api.CreateClient();
    private readonly HttpClient operatorClient = api.CreateClient(api.Tokens.Operator(OperatorName));
    private readonly DateOnly day = BookingDays.Closure;

    [Fact]
    public async Task Closing_a_day_moves_every_appointment_with_its_code_to_the_nearest_office_and_says_who_and_why()
    {
        const string office = "lim-sjl";
        var bookings = new List<(ApplicantRequest Applicant, AppointmentResponse Appointment)>();
        foreach (var start in new[] { "08:00", "11:00", "15:40" })
        {
            var applicant = Applicants.Next();
            bookings.Add((applicant, await anonymous.BookedAsync(Bookings.At(office, day, start, applicant))));
        }

        var nearest = (await anonymous.GetFromJsonAsync<OfficeResponse[]>($"/api/v1/offices?procedure={Bookings.Biometrics}&near={SanJuanDeLurigancho}&limit=2"))![1];

        using var response = await operatorClient.CloseDayAsync(office, OperatorRequests.Closure(day, "transport strike"));

        var closure = await ApiCalls.ReadAsync<CapacityResponse>(response);
        Assert.Empty(closure.Unplaced);
        Assert.Equal(bookings.Select(b => b.Appointment.Code).Order(), closure.Relocated.Select(r => r.Code).Order());
        foreach (var (applicant, booked) in bookings)
        {
            var relocation = closure.Relocated.Single(r => r.Code == booked.Code);
            Assert.Equal(new PlaceResponse(office, day.Text(), booked.Start), relocation.From);
            Assert.Equal((nearest.Id, day.Text()), (relocation.To.OfficeId, relocation.To.Date));

            var moved = await anonymous.AppointmentAsync(booked.Code, applicant.DocumentNumber!);
            Assert.Equal((booked.Code, "booked", relocation.To.OfficeId, relocation.To.Date, relocation.To.Start),
                (moved.Code, moved.Status, moved.OfficeId, moved.Date, moved.Start));
            var history = Assert.Single(moved.History, h => h.Action == "relocated");
            Assert.Equal($"operator:{OperatorName}", history.By);
            Assert.Contains("transport strike", history.Detail);

            var roster = await operatorClient.RosterAsync(relocation.To.OfficeId, day);
            var slot = roster!.Procedures.Single(p => p.Procedure == Bookings.Biometrics).Slots.Single(s => s.Start == relocation.To.Start);
            Assert.Equal(applicant.DocumentNumber, slot.Appointments.Single(a => a.Code == booked.Code).DocumentNumber);
        }

        await Eventually.EqualAsync<DayResponse?>(null, () => anonymous.DayAsync(office, day));
        Assert.All((await operatorClient.RosterAsync(office, day))!.Procedures, p => Assert.Empty(p.Slots));
    }

    [Fact]
    public async Task Closing_a_day_with_bookings_without_relocation_is_a_409_capacity_conflict_that_changes_nothing()
    {
        const string office = "lim-puruchuco"; // 8 counters
        var applicant = Applicants.Next();
        var booked = await anonymous.BookedAsync(Bookings.At(office, day, "09:00", applicant));
        await Eventually.EqualAsync(7, () => anonymous.FreeSeatsAsync(office, day, "09:00"));
        var before = await SnapshotAsync(office);

        using var response = await operatorClient.CloseDayAsync(office, OperatorRequests.Closure(day, relocate: false));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Conflict, "capacity-conflict");
        Assert.Equal(booked.Code, Assert.Single(problem.GetProperty("displaced").EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal(before, await SnapshotAsync(office));
        Same.Appointment(booked, await anonymous.AppointmentAsync(booked.Code, applicant.DocumentNumber!));
    }

    [Theory]
    [InlineData("""{"date":"DAY"}""", "reason")]
    [InlineData("""{"date":"DAY","reason":"  "}""", "reason")]
    [InlineData("""{"reason":"strike"}""", "date")]
    [InlineData("""{"date":"2026-02-30","reason":"strike"}""", "date")]
    [InlineData("""{"date":"tomorrow","reason":"strike"}""", "date")]
    [InlineData("""{"date":"YESTERDAY","reason":"strike"}""", "date")]
    [InlineData("""{"date":"DAY","reason":"strike","radiusKm":-1}""", "radiusKm")]
    [InlineData("""{"date":"DAY","reason":"strike","radiusKm":5001}""", "radiusKm")]
    [InlineData("""{"date":"DAY","reason":"strike","searchDays":31}""", "searchDays")]
    [InlineData("""{"date":"DAY","reason":"strike","searchDays":-1}""", "searchDays")]
    [InlineData("""{"date":"DAY","reason":"strike","relocate":"yes"}""", "relocate")]
    [InlineData("""{"date":"DAY","reason":""", "reason")]
    [InlineData("""{"date":"DAY","reason":"strike",}""", "body")]
    public async Task Closure_with_bad_input_is_a_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        const string office = "lim-brena";
        var before = await SnapshotAsync(office);
        var json = body.Replace("YESTERDAY", BookingDays.Today.AddDays(-1).Text(), StringComparison.Ordinal).Replace("DAY", day.Text(), StringComparison.Ordinal);

        using var response = await operatorClient.PostAsync(OperatorCalls.ClosuresUri(office), ApiCalls.RawJson(json));

        await Problem.AssertNamesFieldAsync(response, field);
        Assert.Equal(before, await SnapshotAsync(office));
    }

    [Fact]
    public async Task Closing_a_day_at_an_unknown_office_is_a_404()
    {
        using var response = await operatorClient.CloseDayAsync("no-such-office", OperatorRequests.Closure(day));

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    /// <summary>The office's plan and the day's roster (read from the day inventories, with no publish lag).</summary>
    private async Task<(string Office, string Roster)> SnapshotAsync(string office) =>
        (await anonymous.GetStringAsync($"/api/v1/offices/{office}"),
         await operatorClient.GetStringAsync($"/api/v1/admin/offices/{office}/appointments?date={day.Text()}"));

    [Fact]
    public async Task A_closure_that_fails_between_relocation_waves_is_finished_by_a_retry_that_answers_every_relocation_once()
    {
        const string office = "mac-sjm"; // 4 counters
        var date = BookingDays.OperatorRetry;
        var booked = new List<(ApplicantRequest Applicant, AppointmentResponse Appointment)>();
        for (var i = 0; i < 20; i++)
        {
            var applicant = Applicants.Next();
            booked.Add((applicant, await anonymous.BookedAsync(Bookings.At(office, date, null, applicant))));
        }

        var key = "close-" + Guid.NewGuid().ToString("N");
        var body = OperatorRequests.Closure(date, $"flood {key}");
        api.Faults.Arm(Scheduler.Grains.Grains.OperatorChangeGrain.BetweenRelocations, key);

        using (var failed = await operatorClient.SendWithKeyAsync(HttpMethod.Post, OperatorCalls.ClosuresUri(office), body, key))
        {
            await Problem.AssertAsync(failed, HttpStatusCode.ServiceUnavailable, "unavailable");
        }

        // The first wave moved before the failure; the rest still sit at the closed office.
        var stillThere = (await operatorClient.RosterAsync(office, date))!.Procedures.SelectMany(p => p.Slots).SelectMany(s => s.Appointments).Count(a => a.Status == "booked");
        Assert.InRange(stillThere, 1, booked.Count - 1);

        using var retried = await operatorClient.SendWithKeyAsync(HttpMethod.Post, OperatorCalls.ClosuresUri(office), body, key);
        var retriedText = await retried.Content.ReadAsStringAsync();
        var closure = await ApiCalls.ReadAsync<CapacityResponse>(retried);
        Assert.Equal(key, closure.OperationId);
        Assert.Empty(closure.Unplaced);
        Assert.Equal(booked.Select(b => b.Appointment.Code).Order(), closure.Relocated.Select(r => r.Code).Order());
        foreach (var (applicant, appointment) in booked)
        {
            var moved = await anonymous.AppointmentAsync(appointment.Code, applicant.DocumentNumber!);
            var relocation = closure.Relocated.Single(r => r.Code == appointment.Code);
            Assert.Equal((relocation.To.OfficeId, relocation.To.Date, relocation.To.Start), (moved.OfficeId, moved.Date, moved.Start));
            Assert.Single(moved.History, h => h.Action == "relocated");
        }

        Assert.All((await operatorClient.RosterAsync(office, date))!.Procedures, p => Assert.Empty(p.Slots));

        using var replayed = await operatorClient.SendWithKeyAsync(HttpMethod.Post, OperatorCalls.ClosuresUri(office), body, key);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal(retriedText, await replayed.Content.ReadAsStringAsync());
        var entry = Assert.Single((await operatorClient.AuditAsync(DateTimeOffset.UtcNow.AddMinutes(-2)))!, e => e.OperationId == key);
        Assert.Equal(("day-closed", office, "completed"), (entry.Action, entry.Target, entry.Status));
        Assert.Contains("20 relocated, 0 not relocated", entry.Detail, StringComparison.Ordinal);
    }
}
