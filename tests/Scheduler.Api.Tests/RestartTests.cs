using Scheduler.Api.Models;

namespace Scheduler.Api.Tests;

/// <summary>Invariant 2: what was acknowledged survives stopping the host and starting another on the same file.</summary>
public sealed class RestartTests
{
    private const string Office = "lim-sjl";

    [Fact]
    public async Task Bookings_survive_a_restart_on_the_same_SQLite_file()
    {
        using var directory = new TemporaryDirectory();
        var database = directory.File("scheduler.db");
        var day = BookingDays.Restart;
        var bookings = new List<(ApplicantRequest Applicant, AppointmentResponse Appointment)>();
        AppointmentResponse cancelled;
        ApplicantRequest cancelledBy;

        await using (var first = await SchedulerApiFactory.StartAsync(database))
        {
            var http = first.CreateClient();
            foreach (var start in new[] { "08:00", "08:00", "08:00", "10:20" })
            {
                var applicant = Applicants.Next();
                bookings.Add((applicant, await http.BookedAsync(Bookings.At(Office, day, start, applicant))));
            }

            var moving = bookings[3];
            using var moved = await http.RescheduleAsync(moving.Appointment.Code, moving.Applicant.DocumentNumber, new RescheduleRequest(Office, day.Text(), "10:40"));
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            bookings[3] = (moving.Applicant, (await moved.Content.ReadFromJsonAsync<AppointmentResponse>())!);

            cancelledBy = Applicants.Next();
            cancelled = await http.BookedAsync(Bookings.At(Office, day, "11:00", cancelledBy));
            using var cancel = await http.CancelAsync(cancelled.Code, cancelledBy.DocumentNumber);
            Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        }

        await using var second = await SchedulerApiFactory.StartAsync(database);
        var after = second.CreateClient();

        foreach (var (applicant, appointment) in bookings)
        {
            Same.Appointment(appointment, await after.AppointmentAsync(appointment.Code, applicant.DocumentNumber!));
        }

        Assert.Equal("cancelled", (await after.AppointmentAsync(cancelled.Code, cancelledBy.DocumentNumber!)).Status);
        await Eventually.EqualAsync(1, () => after.FreeSeatsAsync(Office, day, "08:00"));
        await Eventually.EqualAsync(4, () => after.FreeSeatsAsync(Office, day, "10:20"));
        await Eventually.EqualAsync(3, () => after.FreeSeatsAsync(Office, day, "10:40"));
        await Eventually.EqualAsync(4, () => after.FreeSeatsAsync(Office, day, "11:00"));

        // The restarted host still refuses what the first one promised away.
        using var again = await after.BookAsync(Bookings.At(Office, day, "08:00", bookings[0].Applicant));
        var problem = await Problem.AssertAsync(again, HttpStatusCode.Conflict, "already-booked");
        Assert.DoesNotContain(bookings[0].Appointment.Code, problem.GetRawText());
        await after.BookedAsync(Bookings.At(Office, day, "08:00"));
        using var full = await after.BookAsync(Bookings.At(Office, day, "08:00"));
        await Problem.AssertAsync(full, HttpStatusCode.Conflict, "slot-full");
    }
}
