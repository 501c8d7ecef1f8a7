using Microsoft.Extensions.DependencyInjection;
using Scheduler.Contracts;

namespace Scheduler.Api.Tests;

/// <summary>
/// A database written by the previous release (claims inside the applicants' grain state, appointments in the
/// days' state; see Fixtures/README.md) is upgraded on start: every appointment carried over, with its owner,
/// its claim (one per procedure) and the idempotency key it was booked with.
/// </summary>
public sealed class UpgradeTests
{
    private static readonly DateOnly Day = new(2027, 1, 15);

    [Fact]
    public async Task The_previous_releases_database_starts_with_every_appointment_its_claims_and_its_idempotency_keys()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("scheduler.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "release-cb69783.db"), path);
        await using var host = await SchedulerApiFactory.StartAsync(path);
        var http = host.CreateClient();

        var ana = await http.AppointmentAsync("ZMDB-GHUA", "070000001");
        var beto = await http.AppointmentAsync("4R46-S475", "070000002");
        var carla = await http.AppointmentAsync("97PA-BWPP", "070000003");
        var dario = await http.AppointmentAsync("KZD6-YSHB", "070000004");
        var elena = await http.AppointmentAsync("X78P-UCER", "40000005");

        Assert.Equal(("booked", "lim-brena", "09:00", "ana@example.org"), (ana.Status, ana.OfficeId, ana.Start, ana.Applicant.Email));
        Assert.Equal(("booked", "lim-sjl", "08:00"), (beto.Status, beto.OfficeId, beto.Start));
        Assert.Equal("cancelled", carla.Status);
        Assert.Equal(("booked", "lim-carabaya", "11:00", 2), (dario.Status, dario.OfficeId, dario.Start, dario.History.Count));
        Assert.Equal(("booked", "cpp-card-pickup"), (elena.Status, elena.Procedure));
        using var someoneElse = await http.GetAppointmentAsync("ZMDB-GHUA", "070000002");
        Assert.Equal(HttpStatusCode.NotFound, someoneElse.StatusCode);

        // Claims came along: one appointment per procedure still holds, and a cancelled one frees its holder.
        using var second = await http.BookAsync(Bookings.At("lim-sjl", BookingDays.Booking, "08:00", Legacy("070000001")));
        await Problem.AssertAsync(second, HttpStatusCode.Conflict, "already-booked");
        using var afterCancel = await http.BookAsync(Bookings.At("lim-sjl", BookingDays.Booking, "08:20", Legacy("070000003")));
        Assert.Equal(HttpStatusCode.Created, afterCancel.StatusCode);

        // So did the key Ana booked with: replaying it returns her appointment, not a second one.
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var replay = await grains.GetGrain<IApplicantGrain>("070000001").Book(
            new BookingCommand(new ApplicantDetails(new ApplicantIdentity("CPP", "070000001", "VE"), "Ana Legacy", "ana@example.org", null),
                "cpp-biometrics", "lim-brena", Day, new TimeOnly(9, 0)),
            "legacy-key-a");
        Assert.Equal((BookingResult.Booked, "ZMDB-GHUA"), (replay.Result, replay.Appointment?.Code));

        var brena = await grains.GetGrain<IDayInventoryGrain>(new DayKey("lim-brena", "cpp-biometrics", Day).ToString()).GetRoster();
        Assert.Equal(["ZMDB-GHUA"], brena.Appointments.Where(a => a.IsActive).Select(a => a.Code));
        var carabaya = await grains.GetGrain<IDayInventoryGrain>(new DayKey("lim-carabaya", "cpp-biometrics", Day).ToString()).GetRoster();
        Assert.Equal(["KZD6-YSHB"], carabaya.Appointments.Where(a => a.IsActive).Select(a => a.Code));
    }

    private static Scheduler.Api.Models.ApplicantRequest Legacy(string number) => new("CPP", number, "VE", "Legacy Applicant", null, null);
}
