using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.TestingHost;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Contracts;
using Scheduler.Grains.Hosting;
using Scheduler.Storage;

namespace Scheduler.Grains.Tests;

/// <summary>
/// A two-silo in-process cluster storing grain state in a real SQLite file, with two test offices whose
/// days are open every day: <see cref="Office"/> (40 counters, slots 08:00, 08:20, 08:40) and a second one
/// 8 km away with 2 counters.
/// </summary>
public class SchedulerCluster : IAsyncLifetime
{
    public const string Office = "test-north";
    public const string OtherOffice = "test-south";
    public const string FarOffice = "test-far";
    public const string Procedure = "cpp-biometrics";

    private readonly string directory = Path.Combine(Path.GetTempPath(), "scheduler-grain-tests-" + Guid.NewGuid().ToString("N"));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>Failures the tests arm between the steps of multi-step operations (shared by the in-process silos).</summary>
    public TestFaults Faults { get; } = new();

    protected virtual int Silos => 2;

    protected virtual string ServiceId => "grain-tests";

    /// <summary>Where grain state, rows and reminders live: a fresh SQLite file unless a subclass says otherwise (with its schema installed).</summary>
    protected virtual async Task<StorageSettings> PrepareStorageAsync()
    {
        await DatabaseSchemaInstaller.EnsureSqliteSchemaAsync(ConnectionString, CancellationToken.None);
        return new StorageSettings { Provider = StorageProvider.Sqlite, ConnectionString = ConnectionString };
    }

    public IClusterClient Client => Cluster.Client;

    /// <summary>Today in Lima: tests book days after it.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Lima")).DateTime);

    public virtual async Task InitializeAsync()
    {
        Directory.CreateDirectory(directory);
        var storage = await PrepareStorageAsync();

        var builder = new InProcessTestClusterBuilder((short)Silos);
        builder.Options.ServiceId = ServiceId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IFaultInjection>(Faults);
            // Days fold their journal into a snapshot every 25 rows here, so every test also crosses compactions.
            // Waitlist partitions sweep every 2 s (their reminder), so tests see a lost notice caught in seconds.
            // Reminders live in the SQLite file every silo shares (as in PostgreSQL for a real cluster), so they outlive a silo.
            // A transfer's settling reminder checks every 2 s here (Orleans allows periods down to 1 s in this cluster).
            silo.Services.AddSchedulerGrainServices(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Scheduler:Booking:SnapshotEveryRows"] = "25",
                    ["Scheduler:Waitlist:SweepEvery"] = "00:00:02",
                    ["Scheduler:Operators:CheckEvery"] = "00:00:02",
                    // The waiting room's coordinator ticks every 100 ms here (tests wait for admissions in seconds).
                    ["Scheduler:Admission:Tick"] = "00:00:00.100",
                })
                .Build());
            silo.AddSchedulerStorage(storage);
            if (storage.Provider == StorageProvider.PostgreSql)
            {
                silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (DatabaseSchemaInstaller.PostgresInvariant, storage.ConnectionString));
            }
            else
            {
                silo.AddSqliteReminders();
            }

            silo.Configure<Orleans.Hosting.ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();

        var procedure = new Procedure(Procedure, "Biometrics", 20, null);
        var offices = new[] { Profile(Office, -12.00, -77.05, 40), Profile(OtherOffice, -12.07, -77.05, 2), Profile(FarOffice, -16.40, -71.53, 3) };
        await Client.GetGrain<ICatalogGrain>(0).Register([procedure], offices.Select(o =>
            new OfficeSummary(o.Id, o.Name, o.Kind, o.Department, o.City, o.Latitude, o.Longitude, o.TimeZone, [.. o.Procedures])).ToArray());
        foreach (var office in offices)
        {
            await Client.GetGrain<IOfficeGrain>(office.Id).Seed(office);
        }
    }

    public virtual async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Whether the cluster's reminder table (shared by every silo, outliving them) holds <paramref name="name"/> of <paramref name="grain"/>.</summary>
    public async Task<bool> HasReminderAsync(GrainId grain, string name)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM scheduler_reminders WHERE grain_id = @grain AND reminder_name = @name";
        count.Parameters.AddWithValue("grain", grain.ToString());
        count.Parameters.AddWithValue("name", name);
        return (long)(await count.ExecuteScalarAsync())! > 0;
    }

    public string ConnectionString => $"Data Source={Path.Combine(directory, "scheduler.db")}";

    /// <summary>How the silos key applicants (the development hash key: the tests configure none).</summary>
    public static ApplicantKeys Keys { get; } = new(Microsoft.Extensions.Options.Options.Create(new PrivacyOptions()));

    public IApplicantGrain Applicant(ApplicantDetails applicant) => Keys.Grain(Client, applicant.Identity.DocumentNumber);

    public IDayInventoryGrain Day(string office, DateOnly date) => Client.GetGrain<IDayInventoryGrain>(new DayKey(office, Procedure, date).ToString());

    /// <summary>
    /// Of one person's concurrent bookings over <paramref name="days"/> days from <paramref name="first"/>: exactly one
    /// booked, every other refused as already booked naming its code, and the office's rosters hold the person once.
    /// </summary>
    public async Task AssertExactlyOneBookingAsync(IReadOnlyList<BookingOutcome> outcomes, ApplicantDetails person, DateOnly first, int days)
    {
        var booked = Assert.Single(outcomes, o => o.Result == BookingResult.Booked);
        Assert.All(outcomes.Where(o => o.Result != BookingResult.Booked), o =>
        {
            Assert.Equal(BookingResult.AlreadyBooked, o.Result);
            Assert.Equal(booked.Appointment!.Code, o.ExistingCode);
        });
        var rosters = await Task.WhenAll(Enumerable.Range(0, days).Select(d => Day(Office, first.AddDays(d)).GetRoster()));
        Assert.Single(rosters.SelectMany(r => r.Appointments), a => a.IsActive && a.Applicant.Identity == person.Identity);
    }

    public static ApplicantDetails Person(int n, string type = "CE") =>
        new(new ApplicantIdentity(type, (100_000_000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture), "VE"), $"Applicant {n}", null, null);

    public static BookingCommand Book(ApplicantDetails applicant, DateOnly date, TimeOnly? start = null, string office = Office) =>
        new(applicant, Procedure, office, date, start);

    private static OfficeProfile Profile(string id, double lat, double lon, int counters) => new(
        id, id, "agency", "Lima", "Lima", lat, lon, "America/Lima",
        Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => new OpeningHours(new TimeOnly(8, 0), new TimeOnly(9, 0))),
        new HashSet<DateOnly>(),
        new Dictionary<string, int> { [Procedure] = counters },
        []);
}

[CollectionDefinition(Name)]
public sealed class SchedulerClusterCollection : ICollectionFixture<SchedulerCluster>
{
    public const string Name = "scheduler cluster";
}
