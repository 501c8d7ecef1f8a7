using Scheduler.Api.Models;
using Scheduler.Domain.Admission;

namespace Scheduler.Api.Tests;

/// <summary>
/// The waiting room through HTTP: POST /api/v1/admission (with its proof of work), GET /api/v1/admission/{ticket}, the
/// operator's switch, and the token that booking and rescheduling need while admission is on.
/// </summary>
public sealed class AdmissionApiTests(AdmissionHost host) : IClassFixture<AdmissionHost>
{
    private readonly HttpClient anonymous = host.Api.CreateClient();
    private readonly HttpClient operatorClient = host.Api.CreateClient(host.Api.Tokens.Operator());

    [Fact]
    public async Task Bad_waiting_room_input_gets_a_problem_naming_the_field_and_takes_no_place()
    {
        var before = await operatorClient.GetFromJsonAsync<AdmissionStatusResponse>(AdmissionCalls.AdminUri(Bookings.Biometrics));

        await Problem.AssertNamesFieldAsync(await anonymous.PostAsync(AdmissionCalls.Uri, JsonContent.Create<object?>(null)), "body");
        await Problem.AssertNamesFieldAsync(await anonymous.JoinAsync(new { }), "procedure");
        await Problem.AssertNamesFieldAsync(await anonymous.JoinAsync(new AdmissionRequest("Not An Id", null, null)), "procedure");
        await Problem.AssertNamesFieldAsync(await anonymous.JoinAsync(new AdmissionRequest("no-such-procedure", null, null)), "procedure");
        await Problem.AssertNamesFieldAsync(await anonymous.JoinAsync(new AdmissionRequest(Bookings.Biometrics, null, "12")), "challenge");
        await Problem.AssertNamesFieldAsync(await anonymous.JoinAsync(new AdmissionRequest(Bookings.Biometrics, "a.b", null)), "answer");
        await Problem.AssertNamesFieldAsync(await anonymous.JoinAsync(new AdmissionRequest(Bookings.Biometrics, "cpp-biometrics.1.AAAAAAAAAAAAAAAAAAAAAA.8.99999999999.forged", "1")), "challenge");
        var expired = ProofOfWork.Issue(AdmissionCalls.DevelopmentKey, AdmissionTicket.New(Bookings.Biometrics, 16), 8, DateTimeOffset.UtcNow.AddSeconds(-1));
        await Problem.AssertNamesFieldAsync(await anonymous.JoinAsync(new AdmissionRequest(Bookings.Biometrics, expired, ProofOfWork.Solve(expired))), "challenge");

        var challenge = await anonymous.ChallengeAsync();
        var wrong = Enumerable.Range(0, 1000).Select(i => $"w{i}").First(a => ProofOfWork.LeadingZeroBits(ProofOfWork.Hash(challenge, a)) < ProofOfWork.DifficultyOf(challenge));
        await Problem.AssertNamesFieldAsync(await anonymous.JoinAsync(new AdmissionRequest(Bookings.Biometrics, challenge, wrong)), "answer");
        var otherProcedure = await anonymous.ChallengeAsync("cpp-card-pickup");
        await Problem.AssertNamesFieldAsync(await anonymous.JoinAsync(new AdmissionRequest(Bookings.Biometrics, otherProcedure, ProofOfWork.Solve(otherProcedure))), "challenge");

        await Problem.AssertAsync(await anonymous.GetAsync($"{AdmissionCalls.Uri}/{AdmissionTicket.New(Bookings.Biometrics, 16)}"), HttpStatusCode.NotFound, "not-found");
        await Problem.AssertAsync(await anonymous.GetAsync($"{AdmissionCalls.Uri}/not-a-ticket"), HttpStatusCode.NotFound, "not-found");

        using (var unauthenticated = await anonymous.PutAsJsonAsync(AdmissionCalls.AdminUri(Bookings.Biometrics), new AdmissionSettingsRequest(true, null, null, null)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        }

        await Problem.AssertNamesFieldAsync(await operatorClient.PutAsJsonAsync(AdmissionCalls.AdminUri(Bookings.Biometrics), new AdmissionSettingsRequest(true, "tomorrow", null, null)), "openingAt");
        await Problem.AssertNamesFieldAsync(await operatorClient.PutAsJsonAsync(AdmissionCalls.AdminUri(Bookings.Biometrics), new AdmissionSettingsRequest(true, null, null, 0)), "admitPerSecond");
        await Problem.AssertNamesFieldAsync(await operatorClient.PutAsJsonAsync(AdmissionCalls.AdminUri(Bookings.Biometrics),
            new AdmissionSettingsRequest(true, "2026-12-01T08:00:00-05:00", true, null)), "clearOpening");
        await Problem.AssertAsync(await operatorClient.PutAsJsonAsync(AdmissionCalls.AdminUri("no-such-procedure"), new AdmissionSettingsRequest(true, null, null, null)),
            HttpStatusCode.NotFound, "not-found");

        var after = await operatorClient.GetFromJsonAsync<AdmissionStatusResponse>(AdmissionCalls.AdminUri(Bookings.Biometrics));
        Assert.Equal((before!.On, before.Waiting, before.Admitted, before.AdmitPerSecond), (after!.On, after.Waiting, after.Admitted, after.AdmitPerSecond));
    }

    [Fact]
    public async Task A_solved_challenge_gives_one_place_and_sending_it_again_is_a_400()
    {
        var challenge = await anonymous.ChallengeAsync();
        var answer = ProofOfWork.Solve(challenge);

        using var first = await anonymous.JoinAsync(new AdmissionRequest(Bookings.Biometrics, challenge, answer));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var ticket = (await first.Content.ReadFromJsonAsync<AdmissionTicketResponse>())!;
        Assert.Equal($"/api/v1/admission/{ticket.Ticket}", first.Headers.Location!.OriginalString);
        Assert.StartsWith(Bookings.Biometrics + ".", ticket.Ticket);

        await Problem.AssertNamesFieldAsync(await anonymous.JoinAsync(new AdmissionRequest(Bookings.Biometrics, challenge, answer)), "challenge");
        Assert.Equal(ticket.Ticket, (await anonymous.TicketAsync(ticket.Ticket)).Ticket);
    }

    [Fact]
    public async Task While_admission_is_off_a_forged_or_expired_token_is_still_refused_and_books_nothing()
    {
        var person = Applicants.Next();
        var body = Bookings.At("lim-brena", BookingDays.Rush, "10:00", person);
        var past = AdmissionTokens.Issue(AdmissionCalls.DevelopmentKey, AdmissionTicket.New(Bookings.Biometrics, 16), DateTimeOffset.UtcNow.AddSeconds(-1));
        foreach (var (presented, reason) in new[] { ("x.1.y", "forged"), (past, "expired") })
        {
            var problem = await Problem.AssertAsync(await anonymous.BookWithTokenAsync(body, presented), HttpStatusCode.Forbidden, "admission-refused");
            Assert.Equal(reason, problem.GetProperty("reason").GetString());
        }

        // The refusals stored nothing: the same person books that seat, with no token, as anyone may while the room is off.
        using var booked = await anonymous.BookWithTokenAsync(body, null);
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
    }

    [Fact]
    public async Task While_admission_is_on_a_booking_needs_an_admitted_token_good_for_one_booking_and_its_retries()
    {
        await operatorClient.SetAdmissionAsync(Bookings.Biometrics, new AdmissionSettingsRequest(true, null, true, 1000));
        try
        {
            var person = Applicants.Next();
            var body = Bookings.At("lim-brena", BookingDays.Rush, "09:00", person);
            var stranger = AdmissionTokens.Issue(AdmissionCalls.DevelopmentKey, AdmissionTicket.New(Bookings.Biometrics, 16), DateTimeOffset.UtcNow.AddMinutes(5));
            var past = AdmissionTokens.Issue(AdmissionCalls.DevelopmentKey, AdmissionTicket.New(Bookings.Biometrics, 16), DateTimeOffset.UtcNow.AddSeconds(-1));
            var elsewhere = AdmissionTokens.Issue(AdmissionCalls.DevelopmentKey, AdmissionTicket.New("cpp-card-pickup", 16), DateTimeOffset.UtcNow.AddMinutes(5));
            foreach (var (presented, reason) in new[] { ((string?)null, "missing"), ("x.1.y", "forged"), (stranger[..^2] + "AA", "forged"), (past, "expired"), (elsewhere, "another-procedure"), (stranger, "not-admitted") })
            {
                var problem = await Problem.AssertAsync(await anonymous.BookWithTokenAsync(body, presented), HttpStatusCode.Forbidden, "admission-refused");
                Assert.Equal(reason, problem.GetProperty("reason").GetString());
            }

            var admitted = await anonymous.AdmittedTokenAsync();
            using var booked = await anonymous.BookWithTokenAsync(body, admitted, "rush-key-1");
            Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
            var code = (await booked.Content.ReadFromJsonAsync<AppointmentResponse>())!.Code;

            // A retry of the same request (lost answer) goes through with its key and finds the same booking.
            using var retried = await anonymous.BookWithTokenAsync(body, admitted, "rush-key-1");
            Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
            Assert.Equal(code, (await retried.Content.ReadFromJsonAsync<AppointmentResponse>())!.Code);

            // Anyone else's booking with that token is a second use.
            var reused = await Problem.AssertAsync(await anonymous.BookWithTokenAsync(Bookings.At("lim-brena", BookingDays.Rush, "09:00"), admitted, "rush-key-2"),
                HttpStatusCode.Forbidden, "admission-refused");
            Assert.Equal("reused", reused.GetProperty("reason").GetString());
            var spent = await Problem.AssertAsync(await anonymous.BookWithTokenAsync(Bookings.At("lim-brena", BookingDays.Rush, "09:00"), admitted),
                HttpStatusCode.Forbidden, "admission-refused");
            Assert.Equal("reused", spent.GetProperty("reason").GetString());

            // A request the handler refuses (400 here) gives the admission back: the same token then books.
            var other = Applicants.Next();
            var token = await anonymous.AdmittedTokenAsync();
            await Problem.AssertNamesFieldAsync(await anonymous.BookWithTokenAsync(Bookings.At("lim-brena", BookingDays.Rush, "09:07", other), token, "rush-key-3"), "start");
            using var second = await anonymous.BookWithTokenAsync(Bookings.At("lim-brena", BookingDays.Rush, "09:00", other), token, "rush-key-4");
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);

            // The refused requests booked nothing: the roster holds exactly the two admitted bookings at 09:00 on that day.
            var roster = await operatorClient.GetFromJsonAsync<RosterResponse>($"/api/v1/admin/offices/lim-brena/appointments?date={BookingDays.Rush.Text()}");
            var nine = roster!.Procedures.Single(p => p.Procedure == Bookings.Biometrics).Slots.Single(s => s.Start == "09:00");
            Assert.Equal(2, nine.Appointments.Count(a => a.Status == "booked"));
        }
        finally
        {
            await operatorClient.SetAdmissionAsync(Bookings.Biometrics, new AdmissionSettingsRequest(false, null, true, null));
        }

        // Off again: bookings need no token.
        await anonymous.BookedAsync(Bookings.At("lim-brena", BookingDays.Rush, "09:20"));
    }

    [Fact]
    public async Task While_admission_is_on_rescheduling_needs_a_token_too()
    {
        var person = Applicants.Next();
        var booked = await anonymous.BookedAsync(Bookings.At("lim-brena", BookingDays.Rush, "10:00", person));
        await operatorClient.SetAdmissionAsync(Bookings.Biometrics, new AdmissionSettingsRequest(true, null, true, 1000));
        try
        {
            var move = new RescheduleRequest("lim-brena", BookingDays.Rush.Text(), "10:20");
            var refused = await Problem.AssertAsync(await anonymous.RescheduleAsync(booked.Code, person.DocumentNumber, move), HttpStatusCode.Forbidden, "admission-refused");
            Assert.Equal("missing", refused.GetProperty("reason").GetString());
            Assert.Equal("10:00", (await anonymous.AppointmentAsync(booked.Code, person.DocumentNumber!)).Start);

            var token = await anonymous.AdmittedTokenAsync();
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/appointments/{booked.Code}/reschedule") { Content = JsonContent.Create(move) };
            request.Headers.Add(ApiCalls.DocumentNumberHeader, person.DocumentNumber);
            request.Headers.Add(AdmissionCalls.TokenHeader, token);
            using var moved = await anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            Assert.Equal("10:20", (await anonymous.AppointmentAsync(booked.Code, person.DocumentNumber!)).Start);

            // A wrong document number is still the handler's 404, not a hint that the code exists.
            await Problem.AssertAsync(await anonymous.RescheduleAsync(booked.Code, "99999999", move), HttpStatusCode.NotFound, "not-found");
        }
        finally
        {
            await operatorClient.SetAdmissionAsync(Bookings.Biometrics, new AdmissionSettingsRequest(false, null, true, null));
        }
    }

    [Fact]
    public async Task A_flood_of_waiting_room_requests_from_one_address_is_limited_like_any_other_write()
    {
        await SchedulerApiFactory.RunWithAsync(new Dictionary<string, string>
        {
            ["Scheduler:Limits:Enabled"] = "true",
            ["Scheduler:Limits:WritesBurstPerAddress"] = "5",
            ["Scheduler:Limits:WritesPerMinutePerAddress"] = "5",
        }, async api =>
        {
            using var client = api.CreateClient();
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 12; i++)
            {
                using var response = await client.JoinAsync(new AdmissionRequest(Bookings.Biometrics, null, null));
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    await Problem.AssertAsync(response, HttpStatusCode.TooManyRequests, "rate-limited");
                    Assert.NotNull(response.Headers.RetryAfter);
                }
            }

            Assert.Equal(5, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
            Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        });
    }
}
