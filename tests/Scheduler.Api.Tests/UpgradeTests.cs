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
        var replay = await host.Services.GetRequiredService<Scheduler.Grains.Hosting.ApplicantKeys>().Grain(grains, "070000001").Book(
            new BookingCommand(new ApplicantDetails(new ApplicantIdentity("CPP", "070000001", "VE"), "Ana Legacy", "ana@example.org", null),
                "cpp-biometrics", "lim-brena", Day, new TimeOnly(9, 0)),
            "legacy-key-a");
        Assert.Equal((BookingResult.Booked, "ZMDB-GHUA"), (replay.Result, replay.Appointment?.Code));

        var brena = await grains.GetGrain<IDayInventoryGrain>(new DayKey("lim-brena", "cpp-biometrics", Day).ToString()).GetRoster();
        Assert.Equal(["ZMDB-GHUA"], brena.Appointments.Where(a => a.IsActive).Select(a => a.Code));
        var carabaya = await grains.GetGrain<IDayInventoryGrain>(new DayKey("lim-carabaya", "cpp-biometrics", Day).ToString()).GetRoster();
        Assert.Equal(["KZD6-YSHB"], carabaya.Appointments.Where(a => a.IsActive).Select(a => a.Code));

        // The applicants' old states were keyed by their numbers; they held nothing the claims table does not (no
        // waitlist membership), so no applicant state is left, and none keyed by a number.
        Assert.DoesNotContain(ApplicantRows(path), r => !IsHash(r.Extension));
    }

    [Fact]
    public async Task Waitlist_membership_stored_under_document_numbers_is_found_after_the_upgrade_and_no_state_is_keyed_by_a_number()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("scheduler.db");
        var date = BookingDays.Waitlist;
        // A number that reads as hexadecimal (stored as an integer key, leading zero lost) and one that does not.
        var carlos = new Scheduler.Api.Models.ApplicantRequest("CE", "070000009", "VE", "Carlos Legacy", "carlos@example.org", null);
        var paula = new Scheduler.Api.Models.ApplicantRequest("PASSPORT", "PX765432", "VE", "Paula Legacy", null, "+51987654321");
        string carlosEntry, paulaEntry;
        await using (var before = await SchedulerApiFactory.StartAsync(path))
        {
            await before.CreateClient(before.Tokens.Operator()).CloseBiometricsAsync("jz-cusco", date);
            var http = before.CreateClient();
            carlosEntry = (await http.JoinedAsync(WaitlistCalls.Near(Cusco, date, carlos))).Id;
            paulaEntry = (await http.JoinedAsync(WaitlistCalls.Near(Cusco, date, paula))).Id;
            // This release keys them by hash.
            Assert.Equal(new[] { Key("070000009"), Key("PX765432") }.Order(), ApplicantRows(path).Select(r => r.Extension).Order());
        }

        // Put the states back where the previous release kept them, and forget that the upgrade ran.
        Assert.Equal(1, Execute(path, "UPDATE OrleansStorage SET GrainIdExtensionString = '', GrainIdN1 = $n WHERE GrainTypeString = 'applicant' AND GrainIdExtensionString = $key",
            ("$n", 0x70000009L), ("$key", Key("070000009"))));
        Assert.Equal(1, Execute(path, "UPDATE OrleansStorage SET GrainIdExtensionString = 'PX765432' WHERE GrainTypeString = 'applicant' AND GrainIdExtensionString = $key",
            ("$key", Key("PX765432"))));
        Assert.Equal(1, Execute(path, "DELETE FROM scheduler_migrations WHERE name = $name", ("$name", Scheduler.Grains.Persistence.ApplicantKeyMigration.Name)));
        Assert.Equal([(0L, "PX765432"), (0x70000009L, "")], ApplicantRows(path).Select(r => (r.N1, r.Extension)).Order().ToArray());

        await using var after = await SchedulerApiFactory.StartAsync(path);
        var client = after.CreateClient();

        var carlosView = await client.WaitlistEntryAsync(carlosEntry, "070000009");
        var paulaView = await client.WaitlistEntryAsync(paulaEntry, "PX765432");
        Assert.Equal(("waiting", (int?)1, "waiting", (int?)2), (carlosView.Status, carlosView.Position, paulaView.Status, paulaView.Position));
        using var leave = await client.LeaveWaitlistAsync(paulaEntry, "PX765432");
        Assert.Equal(HttpStatusCode.NoContent, leave.StatusCode);
        var stored = ApplicantRows(path);
        Assert.Equal(2, stored.Count);
        Assert.All(stored, r => Assert.True(IsHash(r.Extension) && r.N0 == 0 && r.N1 == 0, $"an applicant state keyed {r}"));
    }

    private const string Cusco = "-13.5320,-71.9675";

    /// <summary>The development hash key (the tests configure none).</summary>
    private static string Key(string number) => Scheduler.Domain.DocumentHash.OfNumber(number, new Scheduler.Grains.Hosting.PrivacyOptions().DocumentHashKey);

    private static bool IsHash(string key) => key.Length == 64 && key.All(char.IsAsciiHexDigitLower);

    private static List<(long N0, long N1, string Extension)> ApplicantRows(string path)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT GrainIdN0, GrainIdN1, GrainIdExtensionString FROM OrleansStorage WHERE GrainTypeString = 'applicant'";
        using var reader = command.ExecuteReader();
        var rows = new List<(long, long, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)));
        }

        return rows;
    }

    private static int Execute(string path, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }

    private static Scheduler.Api.Models.ApplicantRequest Legacy(string number) => new("CPP", number, "VE", "Legacy Applicant", null, null);
}
