using Scheduler.Api.Models;

namespace Scheduler.Api.Tests;

/// <summary>Reading, rescheduling and cancelling an appointment: only with the owner's document number.</summary>
[Collection(SchedulerApiCollection.Name)]
public sealed class AppointmentLifecycleTests(SchedulerApiFactory api)
{
    private const string Office = "lim-sjl";
    private readonly HttpClient http = api.CreateClient();
    private readonly DateOnly day = BookingDays.Lifecycle;

    [Fact]
    public async Task Reading_an_appointment_with_its_document_number_answers_200()
    {
        var applicant = Applicants.Next();
        var booked = await http.BookedAsync(Bookings.At(Office, day, "08:00", applicant));

        using var response = await http.GetAppointmentAsync(booked.Code, applicant.DocumentNumber);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Same.Appointment(booked, (await response.Content.ReadFromJsonAsync<AppointmentResponse>())!);
    }

    [Fact]
    public async Task Reading_accepts_the_code_in_lower_case_without_the_dash()
    {
        var applicant = Applicants.Next();
        var booked = await http.BookedAsync(Bookings.At(Office, day, "08:00", applicant));

        var read = await http.AppointmentAsync(booked.Code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant(), applicant.DocumentNumber!);

        Assert.Equal(booked.Code, read.Code);
    }

    [Fact]
    public async Task Reading_with_another_document_number_looks_like_not_found()
    {
        var booked = await http.BookedAsync(Bookings.At(Office, day, "08:20"));
        var stranger = Applicants.Next().DocumentNumber;

        using var wrongOwner = await http.GetAppointmentAsync(booked.Code, stranger);
        using var unknownCode = await http.GetAppointmentAsync("ZZZZ-ZZZZ", stranger);

        var wrong = await Problem.AssertAsync(wrongOwner, HttpStatusCode.NotFound, "not-found");
        var unknown = await Problem.AssertAsync(unknownCode, HttpStatusCode.NotFound, "not-found");
        Assert.Equal(unknown.GetProperty("detail").GetString(), wrong.GetProperty("detail").GetString());
        Assert.Equal(unknown.GetProperty("title").GetString(), wrong.GetProperty("title").GetString());
        Assert.Equal(
            unknown.EnumerateObject().Select(p => p.Name).Order(), wrong.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Reading_without_the_document_number_header_is_a_400_naming_it()
    {
        var booked = await http.BookedAsync(Bookings.At(Office, day, "08:20"));

        using var response = await http.GetAppointmentAsync(booked.Code, documentNumber: null);

        await Problem.AssertNamesFieldAsync(response, ApiCalls.DocumentNumberHeader);
    }

    [Fact]
    public async Task Rescheduling_keeps_the_code_and_moves_the_seat()
    {
        var applicant = Applicants.Next();
        var booked = await http.BookedAsync(Bookings.At(Office, day, "09:00", applicant));
        await Eventually.EqualAsync(3, () => http.FreeSeatsAsync(Office, day, "09:00"));
        var targetBefore = await http.FreeSeatsAsync(Office, day, "09:20");

        using var response = await http.RescheduleAsync(booked.Code, applicant.DocumentNumber, new RescheduleRequest(Office, day.Text(), "09:20"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var moved = (await response.Content.ReadFromJsonAsync<AppointmentResponse>())!;
        Assert.Equal((booked.Code, "booked", "09:20", "09:40"), (moved.Code, moved.Status, moved.Start, moved.End));
        Assert.Equal(new[] { "booked", "moved" }, moved.History.Select(h => h.Action));
        Same.Appointment(moved, await http.AppointmentAsync(booked.Code, applicant.DocumentNumber!));
        await Eventually.EqualAsync(4, () => http.FreeSeatsAsync(Office, day, "09:00"));
        await Eventually.EqualAsync(targetBefore - 1, () => http.FreeSeatsAsync(Office, day, "09:20"));
    }

    [Fact]
    public async Task Rescheduling_to_another_day_keeps_the_code_and_frees_the_old_seat()
    {
        var applicant = Applicants.Next();
        var booked = await http.BookedAsync(Bookings.At(Office, day, "10:00", applicant));
        await Eventually.EqualAsync(3, () => http.FreeSeatsAsync(Office, day, "10:00"));

        using var response = await http.RescheduleAsync(
            booked.Code, applicant.DocumentNumber, new RescheduleRequest(Office, BookingDays.RescheduleTarget.Text(), "10:00"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var moved = await http.AppointmentAsync(booked.Code, applicant.DocumentNumber!);
        Assert.Equal((booked.Code, BookingDays.RescheduleTarget.Text(), "10:00"), (moved.Code, moved.Date, moved.Start));
        await Eventually.EqualAsync(4, () => http.FreeSeatsAsync(Office, day, "10:00"));
        await Eventually.EqualAsync(3, () => http.FreeSeatsAsync(Office, BookingDays.RescheduleTarget, "10:00"));
    }

    [Fact]
    public async Task Rescheduling_into_a_full_slot_is_a_409_and_leaves_the_appointment_unchanged()
    {
        var applicant = Applicants.Next();
        var booked = await http.BookedAsync(Bookings.At(Office, day, "11:00", applicant));
        await FillAsync(day, "11:20");

        using var response = await http.RescheduleAsync(booked.Code, applicant.DocumentNumber, new RescheduleRequest(Office, day.Text(), "11:20"));

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "slot-full");
        Same.Appointment(booked, await http.AppointmentAsync(booked.Code, applicant.DocumentNumber!));
        await Eventually.EqualAsync(3, () => http.FreeSeatsAsync(Office, day, "11:00"));
        Assert.Equal(0, await http.FreeSeatsAsync(Office, day, "11:20"));
    }

    [Fact]
    public async Task Rescheduling_into_a_full_slot_on_another_day_is_a_409_and_leaves_the_appointment_unchanged()
    {
        var applicant = Applicants.Next();
        var booked = await http.BookedAsync(Bookings.At(Office, day, "12:00", applicant));
        await FillAsync(BookingDays.RescheduleTarget, "12:00");

        using var response = await http.RescheduleAsync(
            booked.Code, applicant.DocumentNumber, new RescheduleRequest(Office, BookingDays.RescheduleTarget.Text(), "12:00"));

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "slot-full");
        Same.Appointment(booked, await http.AppointmentAsync(booked.Code, applicant.DocumentNumber!));
        await Eventually.EqualAsync(3, () => http.FreeSeatsAsync(Office, day, "12:00"));
        Assert.Equal(0, await http.FreeSeatsAsync(Office, BookingDays.RescheduleTarget, "12:00"));
    }

    [Fact]
    public async Task Rescheduling_with_another_document_number_is_a_404_and_moves_nothing()
    {
        var applicant = Applicants.Next();
        var booked = await http.BookedAsync(Bookings.At(Office, day, "13:00", applicant));

        using var response = await http.RescheduleAsync(
            booked.Code, Applicants.Next().DocumentNumber, new RescheduleRequest(Office, day.Text(), "13:20"));

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
        Same.Appointment(booked, await http.AppointmentAsync(booked.Code, applicant.DocumentNumber!));
    }

    [Theory]
    [InlineData(Office, "08:10", "start")]
    [InlineData(Office, "8am", "start")]
    [InlineData("LIM SJL", "14:00", "officeId")]
    [InlineData(null, "14:00", "officeId")]
    public async Task Rescheduling_with_bad_input_is_a_400_naming_the_field(string? officeId, string start, string field)
    {
        var applicant = Applicants.Next();
        var booked = await http.BookedAsync(Bookings.At(Office, day, "13:40", applicant));
        var target = new RescheduleRequest(officeId, day.Text(), start);

        using var response = await http.RescheduleAsync(booked.Code, applicant.DocumentNumber, target);

        await Problem.AssertNamesFieldAsync(response, field);
        Same.Appointment(booked, await http.AppointmentAsync(booked.Code, applicant.DocumentNumber!));
    }

    [Fact]
    public async Task Cancelling_answers_204_twice_frees_the_seat_and_reads_as_cancelled()
    {
        var applicant = Applicants.Next();
        var booked = await http.BookedAsync(Bookings.At(Office, day, "14:00", applicant));
        await Eventually.EqualAsync(3, () => http.FreeSeatsAsync(Office, day, "14:00"));

        using var first = await http.CancelAsync(booked.Code, applicant.DocumentNumber);
        using var second = await http.CancelAsync(booked.Code, applicant.DocumentNumber);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        var cancelled = await http.AppointmentAsync(booked.Code, applicant.DocumentNumber!);
        Assert.Equal("cancelled", cancelled.Status);
        Assert.Equal("cancelled", cancelled.History[^1].Action);
        await Eventually.EqualAsync(4, () => http.FreeSeatsAsync(Office, day, "14:00"));
    }

    [Fact]
    public async Task After_cancelling_the_applicant_may_book_again()
    {
        var applicant = Applicants.Next();
        var booked = await http.BookedAsync(Bookings.At(Office, day, "14:20", applicant));
        using var cancel = await http.CancelAsync(booked.Code, applicant.DocumentNumber);

        var again = await http.BookedAsync(Bookings.At(Office, day, "14:20", applicant));

        Assert.NotEqual(booked.Code, again.Code);
    }

    [Fact]
    public async Task Cancelling_with_another_document_number_is_a_404_and_cancels_nothing()
    {
        var applicant = Applicants.Next();
        var booked = await http.BookedAsync(Bookings.At(Office, day, "14:40", applicant));

        using var response = await http.CancelAsync(booked.Code, Applicants.Next().DocumentNumber);

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
        Assert.Equal("booked", (await http.AppointmentAsync(booked.Code, applicant.DocumentNumber!)).Status);
    }

    [Fact]
    public async Task Cancelling_without_the_document_number_header_is_a_400_naming_it()
    {
        var booked = await http.BookedAsync(Bookings.At(Office, day, "14:40"));

        using var response = await http.CancelAsync(booked.Code, documentNumber: null);

        await Problem.AssertNamesFieldAsync(response, ApiCalls.DocumentNumberHeader);
    }

    private async Task FillAsync(DateOnly date, string start)
    {
        for (var seat = await http.FreeSeatsAsync(Office, date, start); seat > 0; seat--)
        {
            await http.BookedAsync(Bookings.At(Office, date, start));
        }

        await Eventually.EqualAsync(0, () => http.FreeSeatsAsync(Office, date, start));
    }
}
