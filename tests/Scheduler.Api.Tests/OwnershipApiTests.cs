using Scheduler.Api.Models;

namespace Scheduler.Api.Tests;

/// <summary>
/// A document number is not a secret: nothing that shows only one reads, changes or learns an appointment's
/// code, and a lost code goes only to the contact given when booking.
/// </summary>
[Collection(SchedulerApiCollection.Name)]
public sealed class OwnershipApiTests(SchedulerApiFactory api)
{
    private readonly HttpClient http = api.CreateClient();
    private readonly DateOnly day = BookingDays.Booking;

    [Fact]
    public async Task A_lost_code_goes_to_the_email_and_phone_on_file_and_the_answer_is_the_same_whether_or_not_it_exists()
    {
        var holder = Applicants.Next() with { Email = "holder@example.org", Phone = "+51987650001" };
        var booked = await http.BookedAsync(Bookings.At("lim-brena", day, "13:00", holder));
        var stranger = Applicants.Next();

        using var forHolder = await RecoverAsync("/api/v1/appointments/recover", holder);
        using var forStranger = await RecoverAsync("/api/v1/appointments/recover", stranger);

        Assert.Equal(HttpStatusCode.Accepted, forHolder.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, forStranger.StatusCode);
        var body = await forHolder.Content.ReadAsStringAsync();
        Assert.Equal(body, await forStranger.Content.ReadAsStringAsync());
        Assert.DoesNotContain(booked.Code, body);
        var sent = await DeliveredAsync(m => m.Body.Contains(booked.Code, StringComparison.Ordinal), 2);
        Assert.Equal(["email:holder@example.org", "sms:+51987650001"], sent.Select(m => $"{m.Channel}:{m.To}").Order());
    }

    [Fact]
    public async Task Asking_again_and_again_cannot_flood_the_holders_inbox()
    {
        var holder = Applicants.Next() with { Email = "flooded@example.org" };
        var booked = await http.BookedAsync(Bookings.At("lim-brena", day, "13:20", holder));

        for (var i = 0; i < 9; i++)
        {
            using var response = await RecoverAsync("/api/v1/appointments/recover", holder);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await DeliveredAsync(m => m.Body.Contains(booked.Code, StringComparison.Ordinal), 6);
        await Task.Delay(500);
        Assert.Equal(6, api.Notifications().Count(m => m.To == "flooded@example.org"));
    }

    [Fact]
    public async Task Recovery_names_the_fields_that_are_wrong()
    {
        using var response = await http.PostAsJsonAsync("/api/v1/appointments/recover",
            new RecoverRequest("XYZ", "12", null, "no-such-procedure"));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "validation-error");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("documentType", out _));
        Assert.True(errors.TryGetProperty("documentNumber", out _));
        Assert.True(errors.TryGetProperty("country", out _));
        Assert.True(errors.TryGetProperty("procedure", out _));
    }

    [Fact]
    public async Task Guessing_document_numbers_against_one_code_is_stopped_with_429_even_for_the_holder()
    {
        await SchedulerApiFactory.RunWithAsync(new Dictionary<string, string> { ["Scheduler:Api:OwnershipFailuresPerCode"] = "10" }, GuessesNumbersAsync);
    }

    [Fact]
    public async Task A_client_that_tries_many_codes_is_stopped_with_429()
    {
        await SchedulerApiFactory.RunWithAsync(new Dictionary<string, string> { ["Scheduler:Api:OwnershipFailuresPerClient"] = "5" }, TriesManyCodesAsync);
    }

    private async Task GuessesNumbersAsync(SchedulerApiFactory strict)
    {
        var client = strict.CreateClient();
        var holder = Applicants.Next();
        var booked = await client.BookedAsync(Bookings.At("lim-brena", day, "13:40", holder));

        for (var guess = 0; guess < 10; guess++)
        {
            using var miss = await client.GetAppointmentAsync(booked.Code, (70_000_000 + guess).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Problem.AssertAsync(miss, HttpStatusCode.NotFound, "not-found");
        }

        using var read = await client.GetAppointmentAsync(booked.Code, holder.DocumentNumber);
        using var cancel = await client.CancelAsync(booked.Code.ToLowerInvariant(), holder.DocumentNumber);
        using var otherCode = await client.GetAppointmentAsync("ABCD-EFGH", holder.DocumentNumber);

        await Problem.AssertAsync(read, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(read.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        await Problem.AssertAsync(cancel, HttpStatusCode.TooManyRequests, "rate-limited");
        await Problem.AssertAsync(otherCode, HttpStatusCode.NotFound, "not-found");
        var roster = await strict.CreateClient(strict.Tokens.Operator()).RosterAsync("lim-brena", day);
        Assert.Contains(roster!.Procedures.SelectMany(p => p.Slots).SelectMany(s => s.Appointments), a => a.Code == booked.Code);
    }

    private async Task TriesManyCodesAsync(SchedulerApiFactory strict)
    {
        var client = strict.CreateClient();
        var holder = Applicants.Next();
        var booked = await client.BookedAsync(Bookings.At("lim-brena", day, "14:00", holder));

        for (var guess = 0; guess < 5; guess++)
        {
            using var miss = await client.GetAppointmentAsync($"ABCD-EF{guess + 2}{guess + 2}", holder.DocumentNumber);
            await Problem.AssertAsync(miss, HttpStatusCode.NotFound, "not-found");
        }

        using var blocked = await client.GetAppointmentAsync(booked.Code, holder.DocumentNumber);

        await Problem.AssertAsync(blocked, HttpStatusCode.TooManyRequests, "rate-limited");
    }

    private Task<HttpResponseMessage> RecoverAsync(string route, ApplicantRequest applicant) =>
        http.PostAsJsonAsync(route, new RecoverRequest(applicant.DocumentType, applicant.DocumentNumber, applicant.Country, null));

    private async Task<IReadOnlyList<Scheduler.Grains.Notifications.FileNotificationSender.FileMessage>> DeliveredAsync(
        Func<Scheduler.Grains.Notifications.FileNotificationSender.FileMessage, bool> match, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var found = api.Notifications().Where(match).ToArray();
            if (found.Length >= count || DateTime.UtcNow > deadline)
            {
                Assert.Equal(count, found.Length);
                return found;
            }

            await Task.Delay(100);
        }
    }
}
