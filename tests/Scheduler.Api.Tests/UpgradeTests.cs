using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Scheduler.Api.Models;
using Scheduler.Contracts;
using Scheduler.Grains.Persistence;
using Scheduler.Storage;

namespace Scheduler.Api.Tests;

/// <summary>
/// A database written by the previous release (claims inside the applicants' grain state, appointments in the
/// days' state; see Fixtures/README.md) is upgraded on start: every appointment carried over, with its owner,
/// its claim (one per procedure) and the idempotency key it was booked with. The release before the partitioned
/// waitlist kept a procedure's whole waitlist in one grain state: its entries are carried into the waitlist table.
/// </summary>
public sealed class UpgradeTests
{
    private const string Brena = "-12.0586,-77.0496";
    private const string Cusco = "-13.5320,-71.9675";
    private const string Iquitos = "-3.7491,-73.2538";
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

    [Fact]
    public async Task The_previous_releases_waitlist_waits_on_in_its_arrival_order_and_a_seat_that_appears_books_its_first_entry()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("scheduler.db");
        var day = BookingDays.Waitlist;
        var (ana, beto, carla, dario, elena) = (Applicants.Next(), Applicants.Next(), Applicants.Next(), Applicants.Next(), Applicants.Next());
        var joined = new Dictionary<string, WaitlistResponse>(StringComparer.Ordinal);
        WaitlistResponse elenaBooked;
        string serviceId;
        byte[] legacyState;

        // The previous release's database: the applicants' states say which entries each document holds (the current
        // release writes them the same way), and the waitlist of cpp-biometrics is one grain state whose arrival order
        // (its sequence) is not the order in which these applicants joined here.
        await using (var before = await SchedulerApiFactory.StartAsync(path))
        {
            var operatorClient = before.CreateClient(before.Tokens.Operator());
            await operatorClient.CloseBiometricsAsync("jz-cusco", day);
            await operatorClient.CloseBiometricsAsync("jz-iquitos", day);
            var http = before.CreateClient();
            foreach (var (applicant, near) in new[] { (ana, Cusco), (beto, Iquitos), (carla, Cusco), (dario, Cusco) })
            {
                joined[applicant.DocumentNumber!] = await http.JoinedAsync(WaitlistCalls.Near(near, day, applicant));
                Assert.Equal("waiting", joined[applicant.DocumentNumber!].Status);
            }

            elenaBooked = await http.JoinedAsync(WaitlistCalls.Near(Brena, day, elena, radiusKm: 5));
            Assert.Equal("booked", elenaBooked.Status);

            var store = before.Services.GetRequiredService<WaitlistStore>();
            var entries = new List<WaitlistEntry>();
            foreach (var (applicant, sequence) in new[] { (carla, 1L), (ana, 2L), (beto, 3L), (dario, 4L) })
            {
                entries.Add((await store.FindAsync(IdOf(applicant)))!.Entry with { Sequence = sequence });
            }

            // The old state kept a finished entry whole, personal data included.
            var booked = (await store.FindAsync(elenaBooked.Id))!.Entry;
            entries.Add(booked with { Sequence = 5, Applicant = new ApplicantDetails(new ApplicantIdentity("CPP", elena.DocumentNumber!, "VE"), elena.FullName!, null, null) });
            var state = new LegacyWaitlistState { Entries = entries, LastSequence = 5 };
            legacyState = new OrleansGrainStorageSerializer(before.Services.GetRequiredService<Serializer>()).Serialize(state).ToArray();
            serviceId = before.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
        }

        await WriteAsPreviousReleaseAsync(path, serviceId, legacyState);

        await using var host = await SchedulerApiFactory.StartAsync(path);
        var client = host.CreateClient();
        var positions = new List<(string, int?)>();
        foreach (var applicant in new[] { carla, ana, dario, beto })
        {
            var entry = await client.WaitlistEntryAsync(IdOf(applicant), applicant.DocumentNumber!);
            positions.Add((entry.Status, entry.Position));
        }

        Assert.Equal([("waiting", 1), ("waiting", 2), ("waiting", 3), ("waiting", (int?)1)], positions);
        Assert.Equal(JsonSerializer.Serialize(elenaBooked), JsonSerializer.Serialize(await client.WaitlistEntryAsync(elenaBooked.Id, elena.DocumentNumber!)));
        using (var someoneElse = await client.GetWaitlistEntryAsync(IdOf(carla), ana.DocumentNumber!))
        {
            Assert.Equal(HttpStatusCode.NotFound, someoneElse.StatusCode);
        }

        Assert.Equal(0L, await ScalarAsync(path, "SELECT COUNT(*) FROM OrleansStorage WHERE GrainTypeString = 'waitlist'"));
        // The finished entry came over without its holder's document number; a waiting one keeps it (its booking needs it).
        Assert.Equal(0L, await ScalarAsync(path, $"SELECT COUNT(*) FROM scheduler_waitlist WHERE instr(payload, CAST('{elena.DocumentNumber}' AS BLOB)) > 0"));
        Assert.Equal(1L, await ScalarAsync(path, $"SELECT COUNT(*) FROM scheduler_waitlist WHERE status = 0 AND instr(payload, CAST('{carla.DocumentNumber}' AS BLOB)) > 0"));

        // One seat appears at Cusco (08:00 to 08:20): the first in the old order takes it, the others move up.
        var operatorAfter = host.CreateClient(host.Tokens.Operator());
        await operatorAfter.CapacityChangedAsync("jz-cusco", OperatorRequests.Capacity(day, 1, open: "08:00", close: "08:20", relocate: false));
        await Eventually.EqualAsync("booked", async () => (await client.WaitlistEntryAsync(IdOf(carla), carla.DocumentNumber!)).Status);
        var first = await client.WaitlistEntryAsync(IdOf(carla), carla.DocumentNumber!);
        Assert.Equal(new PlaceResponse("jz-cusco", day.Text(), "08:00"), first.Appointment);
        Assert.Equal("booked", (await client.AppointmentAsync(first.Code!, carla.DocumentNumber!)).Status);
        Assert.Equal(("waiting", (int?)1), await StatusAsync(ana));
        Assert.Equal(("waiting", (int?)2), await StatusAsync(dario));

        string IdOf(ApplicantRequest applicant) => joined[applicant.DocumentNumber!].Id;

        async Task<(string, int?)> StatusAsync(ApplicantRequest applicant)
        {
            var entry = await client.WaitlistEntryAsync(IdOf(applicant), applicant.DocumentNumber!);
            return (entry.Status, entry.Position);
        }
    }

    private static async Task WriteAsPreviousReleaseAsync(string path, string serviceId, byte[] legacyState)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // The rows the current release wrote give way to the old procedure state, and the upgrade has not run yet.
        command.CommandText = """
            DELETE FROM scheduler_waitlist;
            DELETE FROM scheduler_migrations WHERE name = @migration;
            INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
            VALUES (0, 0, 0, 0, 'waitlist', 'cpp-biometrics', @service, @payload, '2026-11-20T12:00:00Z', 7);
            """;
        command.Parameters.AddWithValue("@migration", LegacyWaitlistMigration.Name);
        command.Parameters.AddWithValue("@service", serviceId);
        command.Parameters.AddWithValue("@payload", legacyState);
        await command.ExecuteNonQueryAsync();
        SqliteConnection.ClearPool(connection);
    }

    private static async Task<long> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        SqliteConnection.ClearPool(connection);
        return value;
    }

    private static Scheduler.Api.Models.ApplicantRequest Legacy(string number) => new("CPP", number, "VE", "Legacy Applicant", null, null);
}
