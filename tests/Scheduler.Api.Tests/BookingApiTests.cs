using System.Text.RegularExpressions;
using Scheduler.Api.Models;

namespace Scheduler.Api.Tests;

/// <summary>POST /api/v1/appointments: seats, refusals and idempotent retries.</summary>
[Collection(SchedulerApiCollection.Name)]
public sealed partial class BookingApiTests(SchedulerApiFactory api)
{
    private readonly HttpClient http = api.CreateClient();
    private readonly DateOnly day = BookingDays.Booking;

    [Fact]
    public async Task Booking_a_slot_answers_201_with_location_and_a_readable_code()
    {
        var applicant = Applicants.Next();

        using var response = await http.BookAsync(Bookings.At("lim-brena", day, "09:00", applicant));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var appointment = (await response.Content.ReadFromJsonAsync<AppointmentResponse>())!;
        Assert.Matches(CodePattern(), appointment.Code);
        Assert.Equal($"/api/v1/appointments/{appointment.Code}", response.Headers.Location?.OriginalString);
        Assert.Equal(("booked", "lim-brena", "cpp-biometrics", day.Text(), "09:00", "09:20"),
            (appointment.Status, appointment.OfficeId, appointment.Procedure, appointment.Date, appointment.Start, appointment.End));
        Assert.Equal(applicant.DocumentNumber, appointment.Applicant.DocumentNumber);
        Assert.Equal("booked", Assert.Single(appointment.History).Action);
        Same.Appointment(appointment, await http.AppointmentAsync(appointment.Code, applicant.DocumentNumber!));
    }

    [Fact]
    public async Task Booking_takes_a_seat_that_availability_then_counts()
    {
        var before = await http.FreeSeatsAsync("lim-brena", day, "09:20");

        await http.BookedAsync(Bookings.At("lim-brena", day, "09:20"));

        await Eventually.EqualAsync(before - 1, () => http.FreeSeatsAsync("lim-brena", day, "09:20"));
    }

    [Fact]
    public async Task Booking_without_start_takes_the_earliest_free_slot()
    {
        var earliest = (await http.DayAsync("lim-sjl", day))!.Slots.First(s => s.Free > 0);

        var appointment = await http.BookedAsync(Bookings.At("lim-sjl", day, start: null));

        Assert.Equal(earliest.Start, appointment.Start);
        Assert.Equal(earliest.End, appointment.End);
    }

    [Fact]
    public async Task Booking_a_full_slot_is_a_409_slot_full_with_alternatives()
    {
        const string start = "15:00";
        for (var seat = 0; seat < 4; seat++)
        {
            await http.BookedAsync(Bookings.At("lim-sjl", day, start));
        }

        using var response = await http.BookAsync(Bookings.At("lim-sjl", day, start));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Conflict, "slot-full");
        var alternatives = problem.GetProperty("alternatives");
        var sameOffice = alternatives.GetProperty("sameOffice").EnumerateArray().ToArray();
        Assert.NotEmpty(sameOffice);
        Assert.DoesNotContain(sameOffice, s => s.GetProperty("date").GetString() == day.Text() && s.GetProperty("start").GetString() == start);
        Assert.All(sameOffice, s => Assert.True(s.GetProperty("free").GetInt32() > 0));
        var nearby = alternatives.GetProperty("nearbyOffices").EnumerateArray().ToArray();
        Assert.NotEmpty(nearby);
        Assert.All(nearby, o => Assert.NotEqual("lim-sjl", o.GetProperty("officeId").GetString()));
        await Eventually.EqualAsync(0, () => http.FreeSeatsAsync("lim-sjl", day, start));
    }

    [Fact]
    public async Task Booking_twice_for_the_same_procedure_is_a_409_already_booked_that_does_not_reveal_the_existing_code()
    {
        var applicant = Applicants.Next();
        var first = await http.BookedAsync(Bookings.At("lim-brena", day, "10:00", applicant));

        using var response = await http.BookAsync(Bookings.At("lim-carabaya", day, "11:00", applicant));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Conflict, "already-booked");
        Assert.False(problem.TryGetProperty("existingCode", out _));
        Assert.DoesNotContain(first.Code, problem.GetRawText());
    }

    [Fact]
    public async Task The_same_applicant_may_book_another_procedure()
    {
        var applicant = Applicants.Next();
        await http.BookedAsync(Bookings.At("lim-brena", day, "10:20", applicant));

        var pickup = await http.BookedAsync(Bookings.At("lim-brena", day, "10:20", applicant, procedure: "cpp-card-pickup"));

        Assert.Equal("cpp-card-pickup", pickup.Procedure);
    }

    [Fact]
    public async Task Booking_at_an_unknown_office_is_a_404()
    {
        using var response = await http.BookAsync(Bookings.At("lim-nowhere", day, "09:00"));

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Booking_an_unknown_procedure_is_a_400_naming_procedure()
    {
        using var response = await http.BookAsync(Bookings.At("lim-brena", day, "09:00", procedure: "passport-renewal"));

        await Problem.AssertNamesFieldAsync(response, "procedure");
    }

    [Fact]
    public async Task Retrying_with_the_same_Idempotency_Key_returns_the_first_201_and_books_once()
    {
        var request = Bookings.At("lim-brena", day, "11:00");
        var key = Guid.NewGuid().ToString();
        var before = await http.FreeSeatsAsync("lim-brena", day, "11:00");

        using var first = await http.BookAsync(request, key);
        using var retry = await http.BookAsync(request, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        await Eventually.EqualAsync(before - 1, () => http.FreeSeatsAsync("lim-brena", day, "11:00"));
        var roster = await api.CreateClient(api.Tokens.Operator()).RosterAsync("lim-brena", day);
        var slot = roster!.Procedures.Single(p => p.Procedure == Bookings.Biometrics).Slots.Single(s => s.Start == "11:00");
        Assert.Single(slot.Appointments, a => a.DocumentNumber == request.Applicant!.DocumentNumber);
    }

    [Fact]
    public async Task Retrying_a_refusal_with_the_same_Idempotency_Key_returns_the_same_refusal()
    {
        const string start = "15:20";
        for (var seat = 0; seat < 4; seat++)
        {
            await http.BookedAsync(Bookings.At("lim-sjl", day, start));
        }

        var request = Bookings.At("lim-sjl", day, start);
        var key = Guid.NewGuid().ToString();
        using var first = await http.BookAsync(request, key);
        using var retry = await http.BookAsync(request, key);

        await Problem.AssertAsync(first, HttpStatusCode.Conflict, "slot-full");
        await Problem.AssertAsync(retry, HttpStatusCode.Conflict, "slot-full");
    }

    [Fact]
    public async Task Reusing_an_Idempotency_Key_for_a_different_request_is_a_422_and_books_nothing()
    {
        var applicant = Applicants.Next();
        var key = Guid.NewGuid().ToString();
        using var first = await http.BookAsync(Bookings.At("lim-brena", day, "11:20", applicant), key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var before = await http.FreeSeatsAsync("lim-brena", day, "11:40");

        using var different = await http.BookAsync(Bookings.At("lim-brena", day, "11:40", applicant), key);

        var problem = await Problem.AssertAsync(different, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.Equal("Idempotency-Key", problem.GetProperty("field").GetString());
        Assert.Equal(before, await http.FreeSeatsAsync("lim-brena", day, "11:40"));
    }

    [GeneratedRegex("^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$")]
    private static partial Regex CodePattern();
}
