using Scheduler.Api.Models;

namespace Scheduler.Api.Tests;

/// <summary>
/// POST /api/v1/waitlist, GET and DELETE /api/v1/waitlist/{id}. Applicants who must wait do so near a remote
/// office whose day is closed for them (counters 0), with no other office within 30 km: each test its own office.
/// </summary>
[Collection(SchedulerApiCollection.Name)]
public sealed class WaitlistApiTests(SchedulerApiFactory api)
{
    private const string Brena = "-12.0586,-77.0496";
    private const string Cusco = "-13.5320,-71.9675";
    private const string Iquitos = "-3.7491,-73.2538";
    private const string Pucallpa = "-8.3791,-74.5539";
    private const string PuertoMaldonado = "-12.5933,-69.1891";
    private const string Tarapoto = "-6.4882,-76.3599";
    private readonly HttpClient anonymous = api.CreateClient();
    private readonly HttpClient operatorClient = api.CreateClient(api.Tokens.Operator());
    private readonly DateOnly day = BookingDays.Waitlist;

    [Fact]
    public async Task With_a_free_seat_in_reach_joining_books_at_once_with_a_readable_code()
    {
        var applicant = Applicants.Next();

        var entry = await anonymous.JoinedAsync(WaitlistCalls.Near(Brena, day, applicant, radiusKm: 5));

        Assert.Equal(("booked", (int?)null), (entry.Status, entry.Position));
        Assert.Equal(new PlaceResponse("lim-brena", day.Text(), "08:00"), entry.Appointment);
        var appointment = await anonymous.AppointmentAsync(entry.Code!, applicant.DocumentNumber!);
        Assert.Equal(("booked", "lim-brena", day.Text(), "08:00", applicant.DocumentNumber),
            (appointment.Status, appointment.OfficeId, appointment.Date, appointment.Start, appointment.Applicant.DocumentNumber));
        Assert.Equal(JsonSerializer.Serialize(entry), JsonSerializer.Serialize(await anonymous.WaitlistEntryAsync(entry.Id, applicant.DocumentNumber!)));
    }

    [Fact]
    public async Task With_nothing_in_reach_applicants_wait_in_arrival_order_and_a_transfer_books_them_in_that_order()
    {
        await operatorClient.CloseBiometricsAsync("jz-cusco", day);
        var applicants = new[] { Applicants.Next(), Applicants.Next() };

        var first = await anonymous.JoinedAsync(WaitlistCalls.Near(Cusco, day, applicants[0]));
        var second = await anonymous.JoinedAsync(WaitlistCalls.Near(Cusco, day, applicants[1]));

        Assert.Equal(("waiting", (int?)1, (string?)null, (PlaceResponse?)null), (first.Status, first.Position, first.Code, first.Appointment));
        Assert.Equal(("waiting", (int?)2), (second.Status, second.Position));
        Assert.Equal(1, (await anonymous.WaitlistEntryAsync(first.Id, applicants[0].DocumentNumber!)).Position);

        using var transfer = await operatorClient.TransferAsync(OperatorRequests.Transfer("lim-brena", "jz-cusco", day, 1, reason: "Cusco backlog"));
        Assert.Equal("committed", (await ApiCalls.ReadAsync<TransferResponse>(transfer)).Status);

        await Eventually.EqualAsync("booked", async () => (await anonymous.WaitlistEntryAsync(first.Id, applicants[0].DocumentNumber!)).Status);
        await Eventually.EqualAsync("booked", async () => (await anonymous.WaitlistEntryAsync(second.Id, applicants[1].DocumentNumber!)).Status);
        var starts = new List<string>();
        foreach (var (entry, applicant) in new[] { (first, applicants[0]), (second, applicants[1]) })
        {
            var booked = await anonymous.WaitlistEntryAsync(entry.Id, applicant.DocumentNumber!);
            Assert.Equal(("jz-cusco", day.Text(), (int?)null), (booked.Appointment!.OfficeId, booked.Appointment.Date, booked.Position));
            var appointment = await anonymous.AppointmentAsync(booked.Code!, applicant.DocumentNumber!);
            Assert.Equal(("booked", "jz-cusco", booked.Appointment.Start), (appointment.Status, appointment.OfficeId, appointment.Start));
            starts.Add(appointment.Start);
        }

        Assert.Equal(["08:00", "08:20"], starts);
    }

    [Fact]
    public async Task An_applicant_holding_an_appointment_for_the_procedure_cannot_join_409_already_booked()
    {
        var applicant = Applicants.Next();
        var booked = await anonymous.BookedAsync(Bookings.At("lim-carabaya", day, "10:00", applicant));

        using var response = await anonymous.JoinWaitlistAsync(WaitlistCalls.Near(Brena, day, applicant, radiusKm: 5));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Conflict, "already-booked");
        Assert.False(problem.TryGetProperty("existingCode", out _));
        Assert.DoesNotContain(booked.Code, problem.GetRawText());
    }

    [Fact]
    public async Task A_lost_waitlist_id_goes_to_the_contact_given_when_joining_and_the_answer_is_the_same_for_anyone()
    {
        await operatorClient.CloseBiometricsAsync("jz-tarapoto", day);
        var applicant = Applicants.Next() with { Email = "waiting@example.org" };
        var entry = await anonymous.JoinedAsync(WaitlistCalls.Near(Tarapoto, day, applicant));
        Assert.Equal("waiting", entry.Status);

        using var forHolder = await anonymous.PostAsJsonAsync("/api/v1/waitlist/recover",
            new RecoverRequest(applicant.DocumentType, applicant.DocumentNumber, applicant.Country, "cpp-biometrics"));
        var stranger = Applicants.Next();
        using var forStranger = await anonymous.PostAsJsonAsync("/api/v1/waitlist/recover",
            new RecoverRequest(stranger.DocumentType, stranger.DocumentNumber, stranger.Country, "cpp-biometrics"));

        Assert.Equal(HttpStatusCode.Accepted, forHolder.StatusCode);
        Assert.Equal(await forHolder.Content.ReadAsStringAsync(), await forStranger.Content.ReadAsStringAsync());
        Assert.DoesNotContain(entry.Id, await forHolder.Content.ReadAsStringAsync());
        await Eventually.EqualAsync(1, () => Task.FromResult(api.Notifications().Count(m => m.To == "waiting@example.org" && m.Body.Contains(entry.Id, StringComparison.Ordinal))));
        using var left = await anonymous.LeaveWaitlistAsync(entry.Id, applicant.DocumentNumber!);
        Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
    }

    [Fact]
    public async Task Joining_twice_is_a_409_already_waiting_that_does_not_reveal_the_entry()
    {
        await operatorClient.CloseBiometricsAsync("jz-iquitos", day);
        var applicant = Applicants.Next();
        var entry = await anonymous.JoinedAsync(WaitlistCalls.Near(Iquitos, day, applicant));
        Assert.Equal("waiting", entry.Status);

        using var again = await anonymous.JoinWaitlistAsync(WaitlistCalls.Near(Iquitos, day, applicant));

        var problem = await Problem.AssertAsync(again, HttpStatusCode.Conflict, "already-waiting");
        Assert.False(problem.TryGetProperty("existingId", out _));
        Assert.DoesNotContain(entry.Id, problem.GetRawText());
        using var left = await anonymous.LeaveWaitlistAsync(entry.Id, applicant.DocumentNumber!);
        Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
    }

    [Fact]
    public async Task Reading_an_entry_with_another_document_number_is_a_404()
    {
        var entry = await anonymous.JoinedAsync(WaitlistCalls.Near(Brena, day, radiusKm: 5));

        using var response = await anonymous.GetWaitlistEntryAsync(entry.Id, Applicants.Next().DocumentNumber!);

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_waiting_applicant_who_books_by_hand_leaves_the_waitlist()
    {
        await operatorClient.CloseBiometricsAsync("jz-pucallpa", day);
        var applicant = Applicants.Next();
        var entry = await anonymous.JoinedAsync(WaitlistCalls.Near(Pucallpa, day, applicant));
        Assert.Equal("waiting", entry.Status);

        await anonymous.BookedAsync(Bookings.At("lim-brena", day, "11:00", applicant));

        await Eventually.EqualAsync("left", async () => (await anonymous.WaitlistEntryAsync(entry.Id, applicant.DocumentNumber!)).Status);
        var left = await anonymous.WaitlistEntryAsync(entry.Id, applicant.DocumentNumber!);
        Assert.Equal(((int?)null, (PlaceResponse?)null), (left.Position, left.Appointment));
    }

    [Fact]
    public async Task Leaving_answers_204_and_the_entry_then_reads_left()
    {
        await operatorClient.CloseBiometricsAsync("jz-puerto-maldonado", day);
        var applicant = Applicants.Next();
        var entry = await anonymous.JoinedAsync(WaitlistCalls.Near(PuertoMaldonado, day, applicant));
        Assert.Equal("waiting", entry.Status);

        using var response = await anonymous.LeaveWaitlistAsync(entry.Id, applicant.DocumentNumber!);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await Eventually.EqualAsync("left", async () => (await anonymous.WaitlistEntryAsync(entry.Id, applicant.DocumentNumber!)).Status);
        Assert.Null((await anonymous.WaitlistEntryAsync(entry.Id, applicant.DocumentNumber!)).Position);
    }

    [Fact]
    public async Task Leaving_an_entry_of_another_document_number_is_a_404()
    {
        var entry = await anonymous.JoinedAsync(WaitlistCalls.Near(Brena, day, radiusKm: 5));

        using var response = await anonymous.LeaveWaitlistAsync(entry.Id, Applicants.Next().DocumentNumber!);

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("""{"procedure":"cpp-biometrics","from":"DAY","to":"DAY","applicant":APPLICANT}""", "near")]
    [InlineData("""{"procedure":"cpp-biometrics","near":"cusco","from":"DAY","to":"DAY","applicant":APPLICANT}""", "near")]
    [InlineData("""{"procedure":"cpp-biometrics","near":"-13.53","from":"DAY","to":"DAY","applicant":APPLICANT}""", "near")]
    [InlineData("""{"procedure":"cpp-biometrics","near":"-95,-71.97","from":"DAY","to":"DAY","applicant":APPLICANT}""", "near")]
    [InlineData("""{"procedure":"cpp-biometrics","near":"-13.53,-71.97","from":"DAY","to":"BEYOND","applicant":APPLICANT}""", "to")]
    [InlineData("""{"procedure":"cpp-biometrics","near":"-13.53,-71.97","from":"NEXT","to":"DAY","applicant":APPLICANT}""", "to")]
    [InlineData("""{"procedure":"cpp-biometrics","near":"-13.53,-71.97","from":"YESTERDAY","to":"DAY","applicant":APPLICANT}""", "from")]
    [InlineData("""{"procedure":"cpp-biometrics","near":"-13.53,-71.97","radiusKm":0,"from":"DAY","to":"DAY","applicant":APPLICANT}""", "radiusKm")]
    [InlineData("""{"procedure":"cpp-biometrics","near":"-13.53,-71.97","radiusKm":5001,"from":"DAY","to":"DAY","applicant":APPLICANT}""", "radiusKm")]
    [InlineData("""{"procedure":"no-such","near":"-13.53,-71.97","from":"DAY","to":"DAY","applicant":APPLICANT}""", "procedure")]
    [InlineData("""{"procedure":"cpp-biometrics","near":"-13.53,-71.97","from":"DAY","to":"DAY"}""", "applicant")]
    [InlineData("""{"procedure":"cpp-biometrics","near":"-13.53,-71.97","from":"DAY","to":"DAY","applicant":{"documentType":"CPP","documentNumber":"ABC","country":"VE","fullName":"Luis Torres"}}""", "applicant.documentNumber")]
    [InlineData("""{"procedure":"cpp-biometrics","near":"-13.53,-71.97","from":"DAY","to":"DAY","applicant":{"documentType":"CPP","documentNumber":"40999999","country":"VEN","fullName":"Luis Torres"}}""", "applicant.country")]
    public async Task Joining_with_bad_input_is_a_400_naming_the_field(string body, string field)
    {
        var today = BookingDays.Today;
        var json = body
            .Replace("APPLICANT", JsonSerializer.Serialize(Applicants.Next(), JsonSerializerOptions.Web), StringComparison.Ordinal)
            .Replace("BEYOND", today.AddDays(BookingDays.HorizonDays + 1).Text(), StringComparison.Ordinal)
            .Replace("YESTERDAY", today.AddDays(-1).Text(), StringComparison.Ordinal)
            .Replace("NEXT", day.AddDays(1).Text(), StringComparison.Ordinal)
            .Replace("DAY", day.Text(), StringComparison.Ordinal);

        using var response = await anonymous.PostAsync(WaitlistCalls.WaitlistUri, ApiCalls.RawJson(json));

        await Problem.AssertNamesFieldAsync(response, field);
    }
}
