using System.Data.Common;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.TestingHost;
using Scheduler.Contracts;
using Scheduler.Grains.Hosting;
using Scheduler.Grains.Notifications;
using Scheduler.Grains.Privacy;
using Scheduler.Storage;

namespace Scheduler.Storage.Tests;

/// <summary>
/// The erasure job on both databases: after the retention period, nothing of a person is left in any table (every row
/// of every table read raw, blobs included), while the day still counts every booking it had.
/// </summary>
public sealed class PersonalDataErasureTests
{
    private const string Office = "test-erasure";
    private const string Procedure = "cpp-biometrics";
    private const int RetentionDays = 30;

    private static readonly ApplicantDetails Ana = new(new ApplicantIdentity("CE", "731234567", "VE"), "Anacleta Villanueva", "anacleta.v@example.pe", "+51911000111");
    private static readonly ApplicantDetails Beto = new(new ApplicantIdentity("CE", "739876543", "VE"), "Bertoldo Mamani", "bertoldo.m@example.pe", "+51922000222");

    public static TheoryData<string> Databases => new() { "sqlite", "postgresql" };

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task After_the_retention_period_no_table_holds_the_persons_data_and_the_day_counts_the_same_bookings(string kind)
    {
        await using var setup = await Setup.StartAsync(kind);
        var date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3);
        var day = setup.Grains.GetGrain<IDayInventoryGrain>(new DayKey(Office, Procedure, date).ToString());
        var ana = await setup.Book(Ana, date, new TimeOnly(8, 0));
        var beto = await setup.Book(Beto, date, new TimeOnly(8, 20));
        Assert.Equal(BookingResult.Booked, (await setup.Applicant(Beto).Reschedule(new RescheduleCommand(beto, Office, date, new TimeOnly(8, 40)), null)).Result);
        Assert.True(await setup.Applicant(Ana).Cancel(ana));
        await setup.Applicant(Beto).RecoverAppointments(Beto.Identity, null);
        await Eventually.HoldsAsync(async () => await setup.CountAsync("SELECT COUNT(*) FROM scheduler_outbox WHERE sent_at IS NOT NULL") == 2,
            TimeSpan.FromSeconds(20), "the recovery's two messages are delivered");
        var availability = await day.GetAvailability();
        var roster = await day.GetRoster();
        Assert.Equal([(ana, AppointmentStatus.Cancelled), (beto, AppointmentStatus.Booked)], roster.Appointments.Select(a => (a.Code, a.Status)));
        // The search finds them while they are there.
        var before = await setup.AllRowsAsync();
        Assert.All(Values(Ana).Concat(Values(Beto)), value => Assert.Contains(before, row => row.Contains(value, StringComparison.Ordinal)));

        // 31 days on: Ana's cancellation is older than the retention period, Beto's day is still ahead.
        var first = await setup.EraseAsync(TimeSpan.FromDays(RetentionDays + 1));

        Assert.Equal(new ErasureRun(Records: 1, Messages: 2), first);
        var afterCancellation = await setup.AllRowsAsync();
        Assert.All(Values(Ana), value => Assert.DoesNotContain(afterCancellation, row => row.Contains(value, StringComparison.Ordinal)));
        Assert.Contains(afterCancellation, row => row.Contains(Beto.FullName, StringComparison.Ordinal));
        Assert.Equal(Beto, (await setup.Applicant(Beto).Find(beto))?.Applicant);

        // 40 days on: Beto's day ended more than 30 days ago.
        var second = await setup.EraseAsync(TimeSpan.FromDays(RetentionDays + 10));

        Assert.Equal(1, second!.Records);
        var after = await setup.AllRowsAsync();
        foreach (var value in Values(Ana).Concat(Values(Beto)))
        {
            var found = after.FirstOrDefault(row => row.Contains(value, StringComparison.Ordinal));
            Assert.True(found is null, $"'{value}' is still stored: {found}");
        }

        Assert.Equal(0, await setup.CountAsync("SELECT COUNT(*) FROM scheduler_claims"));
        Assert.Equal(0, await setup.CountAsync("SELECT COUNT(*) FROM scheduler_outbox"));
        // The day still counts both bookings, from storage too (a fresh activation reads the erased snapshot).
        await setup.DeactivateAllAsync();
        var erased = await day.GetRoster();
        Assert.Equal(roster.Appointments.Select(a => (a.Code, a.Status, a.Start)), erased.Appointments.Select(a => (a.Code, a.Status, a.Start)));
        Assert.All(erased.Appointments, a => Assert.True(a.Applicant.IsErased && a.History[^1].Action == "personal-data-erased"));
        Assert.Equal(availability.Slots.Select(s => (s.Start, s.Free)), (await day.GetAvailability()).Slots.Select(s => (s.Start, s.Free)));
        // Nothing more to erase: a later run finds nothing and changes nothing.
        Assert.Equal(new ErasureRun(0, 0), await setup.EraseAsync(TimeSpan.FromDays(RetentionDays + 11)));
    }

    private static string[] Values(ApplicantDetails person) => [person.Identity.DocumentNumber, person.FullName, person.Email!, person.Phone!, person.Phone!.TrimStart('+')];

    private sealed class Setup(ITestDatabase database, InProcessTestCluster cluster, SchedulerDatabase scheduler, string notifications) : IAsyncDisposable
    {
        private static readonly ApplicantKeys Keys = new(Options.Create(new PrivacyOptions()));

        public IGrainFactory Grains => cluster.Client;

        public static async Task<Setup> StartAsync(string kind)
        {
            ITestDatabase database = kind == "sqlite" ? new SqliteTestDatabase() : await PostgresTestDatabase.CreateAsync();
            await database.InstallSchemaAsync(CancellationToken.None);
            var serviceId = "erasure-tests-" + Guid.NewGuid().ToString("N");
            var storage = new StorageSettings { Provider = kind == "sqlite" ? StorageProvider.Sqlite : StorageProvider.PostgreSql, ConnectionString = database.ConnectionString };
            var notifications = Path.Combine(Path.GetTempPath(), serviceId);
            var builder = new InProcessTestClusterBuilder(1);
            builder.Options.ServiceId = serviceId;
            builder.Options.ConfigureFileLogging = false;
            builder.ConfigureSilo((_, silo) =>
            {
                silo.Services.AddSchedulerGrainServices(new ConfigurationBuilder().Build());
                silo.AddSchedulerStorage(storage);
                silo.Services.PostConfigure<NotificationOptions>(o => (o.Directory, o.PollInterval) = (notifications, TimeSpan.FromMilliseconds(100)));
            });
            var cluster = builder.Build();
            await cluster.DeployAsync();
            var office = new OfficeProfile(
                Office, Office, "agency", "Lima", "Lima", -12.0, -77.0, "America/Lima",
                Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => new OpeningHours(new TimeOnly(8, 0), new TimeOnly(9, 0))),
                new HashSet<DateOnly>(), new Dictionary<string, int> { [Procedure] = 5 }, []);
            await cluster.Client.GetGrain<ICatalogGrain>(0).Register(
                [new Procedure(Procedure, "Biometrics", 20, null)],
                [new OfficeSummary(office.Id, office.Name, office.Kind, office.Department, office.City, office.Latitude, office.Longitude, office.TimeZone, [Procedure])]);
            await cluster.Client.GetGrain<IOfficeGrain>(Office).Seed(office);
            var scheduler = new SchedulerDatabase(storage, Options.Create(new ClusterOptions { ServiceId = serviceId }), new SqliteWriteGate());
            return new Setup(database, cluster, scheduler, notifications);
        }

        public IApplicantGrain Applicant(ApplicantDetails person) => Keys.Grain(cluster.Client, person.Identity.DocumentNumber);

        public async Task<string> Book(ApplicantDetails person, DateOnly date, TimeOnly start)
        {
            var outcome = await Applicant(person).Book(new BookingCommand(person, Procedure, Office, date, start), null);
            Assert.Equal(BookingResult.Booked, outcome.Result);
            return outcome.Appointment!.Code;
        }

        /// <summary>One run of the erasure job as if <paramref name="later"/> had passed.</summary>
        public Task<ErasureRun?> EraseAsync(TimeSpan later) =>
            new PersonalDataEraser(scheduler, cluster.Client, new ShiftedClock(later), Options.Create(new PrivacyOptions { RetentionDays = RetentionDays }), NullLogger<PersonalDataEraser>.Instance)
                .RunOnceAsync(CancellationToken.None);

        public async Task DeactivateAllAsync()
        {
            await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        }

        public async Task<long> CountAsync(string sql)
        {
            await using var connection = await scheduler.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>Every row of every table, each as one text (blobs read as UTF-8, which is how serialised strings are stored).</summary>
        public async Task<List<string>> AllRowsAsync()
        {
            await using var connection = await scheduler.OpenAsync();
            var tables = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = scheduler.IsSqlite
                    ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                    : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            Assert.Contains(tables, t => t.Equals("scheduler_seat_journal", StringComparison.OrdinalIgnoreCase));
            var rows = new List<string>();
            foreach (var table in tables)
            {
                await using var select = connection.CreateCommand();
                select.CommandText = $"SELECT * FROM {table}";
                await using var reader = await select.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    rows.Add(table + ": " + string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Text(reader, i))));
                }
            }

            return rows;
        }

        private static string Text(DbDataReader reader, int column) =>
            reader.IsDBNull(column) ? "null" : reader.GetValue(column) is byte[] bytes ? Encoding.UTF8.GetString(bytes) : Convert.ToString(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;

        public async ValueTask DisposeAsync()
        {
            await cluster.DisposeAsync();
            await database.DisposeAsync();
            if (Directory.Exists(notifications))
            {
                Directory.Delete(notifications, recursive: true);
            }
        }
    }

    private sealed class ShiftedClock(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + by;
    }
}
