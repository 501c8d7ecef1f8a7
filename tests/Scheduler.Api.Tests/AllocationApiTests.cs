using Scheduler.Api.Models;

namespace Scheduler.Api.Tests;

/// <summary>
/// Batch allocation through HTTP: the operator routes (mode, reserves, programme, batches), requests (file, read with
/// proof of ownership, withdraw), direct booking refused in batch mode, filed-in-time on requests, appointments and the
/// utilisation report, and the bad input. A host of its own: it puts cpp-card-pickup in batch mode.
/// </summary>
[Collection(SchedulerApiCollection.Name)]
public sealed class AllocationApiTests(AllocationApiHost host) : IClassFixture<AllocationApiHost>
{
    private const string Pickup = "cpp-card-pickup";
    private const string Cusco = "-13.5320,-71.9675";
    private const string AllocationUri = $"/api/v1/admin/procedures/{Pickup}/allocation";
    private const string BatchesUri = $"/api/v1/admin/procedures/{Pickup}/batches";
    private readonly HttpClient anonymous = host.Api.CreateClient();
    private readonly HttpClient operatorClient = host.Api.CreateClient(host.Api.Tokens.Operator());
    private readonly DateOnly day = BookingDays.Booking;

    [Fact]
    public async Task A_request_is_filed_decided_by_a_release_and_its_seat_records_that_it_was_filed_in_time()
    {
        await BatchModeAsync(force: true);
        var deadline = DateTimeOffset.UtcNow.AddDays(3);
        using (var programme = await operatorClient.PutAsJsonAsync($"/api/v1/admin/procedures/{Pickup}/programme", new ProgrammeBody(deadline.ToString("O"), "CPP deadline")))
        {
            Assert.Equal(deadline.ToUniversalTime(), (await ApiCalls.ReadAsync<AllocationResponse>(programme)).Deadline);
        }

        var applicant = Applicants.Next();
        using var filing = await FileAsync(Request(applicant));
        var filed = await ApiCalls.ReadAsync<RequestResponse>(filing, HttpStatusCode.Accepted);

        Assert.Equal($"/api/v1/requests/{filed.Id}", filing.Headers.Location?.OriginalString);
        Assert.Equal(("open", true), (filed.Status, filed.FiledInTime));
        Assert.NotNull(filed.Batch);
        var unserved = (await operatorClient.GetFromJsonAsync<UtilizationResponse>(OperatorCalls.UtilizationUri(day, day, Pickup)))!.FiledInTimeUnserved;
        Assert.True(unserved >= 1);

        using (var release = await operatorClient.PostAsync(BatchesUri, null))
        {
            var batch = await ApiCalls.ReadAsync<BatchResponse>(release);
            Assert.Equal((filed.Batch, true), (batch.Id, batch.Finished));
            Assert.True(batch.Assigned >= 1);
        }

        var assigned = await RequestAsync(filed.Id, applicant.DocumentNumber!);
        Assert.Equal(("assigned", "jz-cusco", day.Text(), (string?)null, (DateTimeOffset?)null), (assigned.Status, assigned.Appointment?.OfficeId, assigned.Appointment?.Date, assigned.Batch, assigned.DecidesAt));
        var appointment = await anonymous.AppointmentAsync(assigned.Code!, applicant.DocumentNumber!);
        Assert.Equal((filed.FiledAt, true, assigned.Appointment!.Start), (appointment.FiledAt, appointment.FiledInTime, appointment.Start));
        var after = (await operatorClient.GetFromJsonAsync<UtilizationResponse>(OperatorCalls.UtilizationUri(day, day, Pickup)))!.FiledInTimeUnserved;
        Assert.Equal(unserved - 1, after);

        var listed = (await operatorClient.GetFromJsonAsync<BatchResponse[]>(BatchesUri))!;
        Assert.Equal(filed.Batch, listed[0].Id);
        var detail = (await operatorClient.GetFromJsonAsync<BatchDetailResponse>($"{BatchesUri}/{Uri.EscapeDataString(filed.Batch!)}"))!;
        Assert.Contains(filed.Id, detail.Order);
        Assert.Equal(assigned.Code, detail.Assigned[filed.Id]);
        var audit = (await operatorClient.AuditAsync(DateTimeOffset.UtcNow.AddMinutes(-5)))!;
        Assert.Contains(audit, e => e.Action == "programme-deadline-set" && e.Target == Pickup);
        Assert.Contains(audit, e => e.Action == "batch-decided" && e.OperationId == filed.Batch);
    }

    [Fact]
    public async Task A_booking_made_after_the_deadline_is_not_filed_in_time()
    {
        using (var programme = await operatorClient.PutAsJsonAsync(
            "/api/v1/admin/procedures/cpp-biometrics/programme", new ProgrammeBody("2023-11-10T23:59:59-05:00", "the CPP closed")))
        {
            Assert.Equal(HttpStatusCode.OK, programme.StatusCode);
        }

        var booked = await anonymous.BookedAsync(new BookAppointmentRequest("cpp-biometrics", "lim-brena", day.Text(), null, Applicants.Next()));

        Assert.False(booked.FiledInTime);
        Assert.NotNull(booked.FiledAt);
    }

    [Fact]
    public async Task The_owner_reads_and_withdraws_a_request_and_another_document_sees_nothing()
    {
        await BatchModeAsync(force: true);
        var applicant = Applicants.Next();
        var filed = await ApiCalls.ReadAsync<RequestResponse>(await FileAsync(Request(applicant)), HttpStatusCode.Accepted);

        using (var stranger = await GetRequestAsync(filed.Id, Applicants.Next().DocumentNumber!))
        {
            await Problem.AssertAsync(stranger, HttpStatusCode.NotFound, "not-found");
        }

        using (var unknown = await GetRequestAsync("R-NOSUCHID", applicant.DocumentNumber!))
        {
            await Problem.AssertAsync(unknown, HttpStatusCode.NotFound, "not-found");
        }

        using var withdraw = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/requests/{filed.Id}");
        withdraw.Headers.Add(ApiCalls.DocumentNumberHeader, applicant.DocumentNumber);
        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.SendAsync(withdraw)).StatusCode);

        Assert.Equal("withdrawn", (await RequestAsync(filed.Id, applicant.DocumentNumber!)).Status);
        // Withdrawn is not live: the same document may ask again.
        Assert.Equal(HttpStatusCode.Accepted, (await FileAsync(Request(applicant))).StatusCode);
    }

    [Fact]
    public async Task Many_parallel_identical_posts_with_one_idempotency_key_file_one_request()
    {
        await BatchModeAsync(force: true);
        var applicant = Applicants.Next();

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => FileAsync(Request(applicant), key: "parallel-" + applicant.DocumentNumber)));

        var bodies = await Task.WhenAll(answers.Select(a => ApiCalls.ReadAsync<RequestResponse>(a, HttpStatusCode.Accepted)));
        Assert.Single(bodies.Select(b => b.Id).Distinct());
        using var other = await FileAsync(Request(applicant), key: "other-" + applicant.DocumentNumber);
        var problem = await Problem.AssertAsync(other, HttpStatusCode.Conflict, "already-requested");
        Assert.DoesNotContain(bodies[0].Id, problem.ToString());
    }

    [Fact]
    public async Task Bad_requests_name_the_field_and_file_nothing()
    {
        await BatchModeAsync(force: true);
        var applicant = Applicants.Next();
        var beyond = BookingDays.Today.AddDays(BookingDays.HorizonDays + 5).Text();

        await Problem.AssertNamesFieldAsync(await FileAsync(Request(applicant) with { From = beyond, To = beyond }), "from");
        await Problem.AssertNamesFieldAsync(await FileAsync(Request(applicant) with { From = BookingDays.Today.AddDays(-1).Text() }), "from");
        await Problem.AssertNamesFieldAsync(await FileAsync(Request(applicant) with { From = day.AddDays(1).Text(), To = day.Text() }), "to");
        await Problem.AssertNamesFieldAsync(await FileAsync(Request(applicant) with { Near = null }), "near");
        await Problem.AssertNamesFieldAsync(await FileAsync(Request(applicant) with { Offices = ["no-such-office"] }), "offices[0]");
        await Problem.AssertNamesFieldAsync(await FileAsync(Request(applicant) with { RadiusKm = -3 }), "radiusKm");
        await Problem.AssertNamesFieldAsync(await FileAsync(Request(applicant) with { Procedure = "no-such-procedure" }), "procedure");

        // Nothing was filed: the first good request is the document's only one.
        Assert.Equal(HttpStatusCode.Accepted, (await FileAsync(Request(applicant))).StatusCode);
        await Problem.AssertAsync(await FileAsync(Request(applicant)), HttpStatusCode.Conflict, "already-requested");
    }

    [Fact]
    public async Task In_batch_mode_direct_booking_answers_a_problem_naming_the_mode_and_first_come_procedures_take_no_requests()
    {
        await BatchModeAsync(force: true);

        using var booking = await anonymous.BookAsync(new BookAppointmentRequest(Pickup, "jz-cusco", day.Text(), null, Applicants.Next()));
        var problem = await Problem.AssertAsync(booking, HttpStatusCode.Conflict, "allocation-mode-batch");
        Assert.Equal("batch", problem.GetProperty("mode").GetString());

        using var request = await FileAsync(Request(Applicants.Next()) with { Procedure = "cpp-biometrics" });
        await Problem.AssertAsync(request, HttpStatusCode.Conflict, "allocation-mode-first-come");
    }

    [Fact]
    public async Task Changing_mode_with_open_requests_answers_409_and_with_force_carries_them_to_the_waitlist()
    {
        await BatchModeAsync(force: true);
        var applicant = Applicants.Next();
        // A window on a day Cusco is closed for card pickup: the final batch cannot seat it.
        var closed = BookingDays.Closure;
        using (var cut = await operatorClient.SetCapacityAsync("jz-cusco", OperatorRequests.Capacity(closed, 0, relocate: false) with { Procedure = Pickup }))
        {
            Assert.Equal(HttpStatusCode.OK, cut.StatusCode);
        }

        var filed = await ApiCalls.ReadAsync<RequestResponse>(await FileAsync(Request(applicant, closed)), HttpStatusCode.Accepted);

        using (var refused = await operatorClient.PutAsJsonAsync(AllocationUri, new AllocationBody("first-come", null, null, "back to normal")))
        {
            var problem = await Problem.AssertAsync(refused, HttpStatusCode.Conflict, "allocation-open-requests");
            Assert.True(problem.GetProperty("open").GetInt32() >= 1);
        }

        var unchanged = (await operatorClient.GetFromJsonAsync<AllocationResponse>(AllocationUri))!;
        Assert.Equal("batch", unchanged.Mode);
        Assert.True(unchanged.OpenRequests >= 1);
        using var forced = await operatorClient.PutAsJsonAsync(AllocationUri, new AllocationBody("first-come", null, true, "back to normal"));
        var changed = await ApiCalls.ReadAsync<AllocationResponse>(forced);
        Assert.Equal("first-come", changed.Mode);
        Assert.True(changed.CarriedOver >= 1);

        var carried = await RequestAsync(filed.Id, applicant.DocumentNumber!);
        Assert.Equal("carried-over", carried.Status);
        var entry = await anonymous.WaitlistEntryAsync("W-" + filed.Id[2..], applicant.DocumentNumber!);
        Assert.Equal(("waiting", filed.FiledAt), (entry.Status, entry.JoinedAt));
    }

    [Fact]
    public async Task Bad_operator_input_names_the_field()
    {
        await Problem.AssertNamesFieldAsync(await operatorClient.PutAsJsonAsync(AllocationUri, new AllocationBody("lottery", null, null, null)), "mode");
        await Problem.AssertNamesFieldAsync(await operatorClient.PutAsJsonAsync(AllocationUri, new AllocationBody("batch", 0, null, null)), "cadenceMinutes");
        var reserves = $"/api/v1/admin/procedures/{Pickup}/reserves";
        await Problem.AssertNamesFieldAsync(await operatorClient.PutAsJsonAsync(reserves, new ReservesBody(1.5, 300, null, 48, null)), "share");
        await Problem.AssertNamesFieldAsync(await operatorClient.PutAsJsonAsync(reserves, new ReservesBody(0.2, 300, ["Atlantis"], 48, null)), "departments[0]");
        await Problem.AssertNamesFieldAsync(await operatorClient.PutAsJsonAsync(reserves, new ReservesBody(0.2, 300, null, null, null)), "fallbackLeadHours");
        await Problem.AssertNamesFieldAsync(
            await operatorClient.PutAsJsonAsync($"/api/v1/admin/procedures/{Pickup}/programme", new ProgrammeBody("2023-11-10", null)), "deadline");
        await Problem.AssertAsync(await operatorClient.PutAsJsonAsync("/api/v1/admin/procedures/nope/allocation", new AllocationBody("batch", null, null, null)), HttpStatusCode.NotFound, "not-found");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(BatchesUri, null)).StatusCode);

        using var set = await operatorClient.PutAsJsonAsync(reserves, new ReservesBody(0.25, 300, ["Cusco"], 48, "far offices"));
        var settings = await ApiCalls.ReadAsync<AllocationResponse>(set);
        Assert.Equal((0.25, (double?)300, 48.0), (settings.Reserves!.Share, settings.Reserves.FarFromCapitalKm, settings.Reserves.FallbackLeadHours));
        Assert.Equal(["Cusco"], settings.Reserves.Departments);
        Assert.Equal(0.25, (await operatorClient.GetFromJsonAsync<AllocationResponse>(reserves))!.Reserves!.Share);
    }

    [Fact]
    public async Task Reserve_seats_are_held_for_the_group_in_both_modes_and_fall_back_at_the_lead_time()
    {
        var date = BookingDays.Lifecycle;
        const string Lima = "-12.0500,-77.0400";
        try
        {
            // First come (cpp-biometrics): every seat held for Cusco's applicants, falling back only at the slot itself.
            await ReservesAsync("cpp-biometrics", 1, 0);
            using (var outsider = await anonymous.BookAsync(new BookAppointmentRequest("cpp-biometrics", "jz-cusco", date.Text(), null, Applicants.Next())))
            {
                await Problem.AssertAsync(outsider, HttpStatusCode.Conflict, "slot-full");
            }

            using (var fromLima = await anonymous.BookAsync(new BookAppointmentRequest("cpp-biometrics", "jz-cusco", date.Text(), null, Applicants.Next(), Lima)))
            {
                await Problem.AssertAsync(fromLima, HttpStatusCode.Conflict, "slot-full");
            }

            var member = await anonymous.BookedAsync(new BookAppointmentRequest("cpp-biometrics", "jz-cusco", date.Text(), null, Applicants.Next(), Cusco));
            Assert.Equal("jz-cusco", member.OfficeId);

            // A lead time longer than the booking window: every held seat has fallen back.
            await ReservesAsync("cpp-biometrics", 1, 720);
            await anonymous.BookedAsync(new BookAppointmentRequest("cpp-biometrics", "jz-cusco", date.Text(), null, Applicants.Next()));

            // Batch (card pickup): the draw cannot give an outsider a held seat, whatever its order.
            await BatchModeAsync(force: true);
            await ReservesAsync(Pickup, 1, 0);
            var outsiderPerson = Applicants.Next();
            var memberPerson = Applicants.Next();
            var outsiderRequest = await ApiCalls.ReadAsync<RequestResponse>(
                await FileAsync(Request(outsiderPerson, date) with { Near = Lima }), HttpStatusCode.Accepted);
            var memberRequest = await ApiCalls.ReadAsync<RequestResponse>(await FileAsync(Request(memberPerson, date)), HttpStatusCode.Accepted);
            await ApiCalls.ReadAsync<BatchResponse>(await operatorClient.PostAsync(BatchesUri, null));

            Assert.Equal("assigned", (await RequestAsync(memberRequest.Id, memberPerson.DocumentNumber!)).Status);
            Assert.Equal("open", (await RequestAsync(outsiderRequest.Id, outsiderPerson.DocumentNumber!)).Status);

            await ReservesAsync(Pickup, 1, 720);
            await ApiCalls.ReadAsync<BatchResponse>(await operatorClient.PostAsync(BatchesUri, null));
            Assert.Equal("assigned", (await RequestAsync(outsiderRequest.Id, outsiderPerson.DocumentNumber!)).Status);
        }
        finally
        {
            await ReservesAsync("cpp-biometrics", 0, 0);
            await ReservesAsync(Pickup, 0, 0);
        }
    }

    private async Task ReservesAsync(string procedure, double share, double leadHours)
    {
        using var response = await operatorClient.PutAsJsonAsync(
            $"/api/v1/admin/procedures/{procedure}/reserves", new ReservesBody(share, null, ["Cusco"], leadHours, "far offices"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task BatchModeAsync(bool force)
    {
        using var response = await operatorClient.PutAsJsonAsync(AllocationUri, new AllocationBody("batch", null, force, "scarcity"));
        Assert.Equal("batch", (await ApiCalls.ReadAsync<AllocationResponse>(response)).Mode);
    }

    private FileRequestBody Request(ApplicantRequest applicant, DateOnly? date = null) =>
        new(Pickup, applicant, Cusco, 30, ["jz-cusco"], (date ?? day).Text(), (date ?? day).Text());

    private Task<HttpResponseMessage> FileAsync(FileRequestBody body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/requests") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add(ApiCalls.IdempotencyKeyHeader, key);
        }

        return anonymous.SendAsync(request);
    }

    private Task<HttpResponseMessage> GetRequestAsync(string id, string documentNumber)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/requests/{id}");
        request.Headers.Add(ApiCalls.DocumentNumberHeader, documentNumber);
        return anonymous.SendAsync(request);
    }

    private async Task<RequestResponse> RequestAsync(string id, string documentNumber) =>
        await ApiCalls.ReadAsync<RequestResponse>(await GetRequestAsync(id, documentNumber));
}
