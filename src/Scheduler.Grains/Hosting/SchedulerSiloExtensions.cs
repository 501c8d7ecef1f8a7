using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Scheduler.Grains.Notifications;
using Scheduler.Grains.Storage;
using Scheduler.Grains.Telemetry;
using Scheduler.Storage;

namespace Scheduler.Grains.Hosting;

/// <summary>Wires a silo that hosts the scheduler's grains: storage, clustering, options, seed.</summary>
public static class SchedulerSiloExtensions
{
    /// <summary>How long a grain call may take before the caller gets a timeout (and the client a 503).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private const int SqliteMinThreads = 64;
    private const string SqliteAdoNetStorage = StorageNames.Scheduler + "-sqlite";

    /// <summary>
    /// Adds an Orleans silo configured from the <c>Scheduler</c> section (validated at start), preceded by the
    /// schema bootstrapper and followed by the seed. Used by the API's co-hosted mode and the silo host.
    /// </summary>
    public static IHostApplicationBuilder AddSchedulerSilo(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(SchedulerOptions.Section).Get<SchedulerOptions>() ?? new SchedulerOptions();
        builder.Services.AddOptions<SchedulerOptions>().Bind(builder.Configuration.GetSection(SchedulerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SeedOptions>().Bind(builder.Configuration.GetSection(SeedOptions.Section));
        builder.Services.AddSchedulerGrainServices(builder.Configuration);
        builder.Services.AddHostedService<DatabaseBootstrapper>();

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ServiceId = settings.ServiceId;
                o.ClusterId = settings.ClusterId;
            });

            if (settings.Clustering.Provider == ClusteringProvider.AdoNet)
            {
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = DatabaseSchemaInstaller.PostgresInvariant;
                    o.ConnectionString = settings.ClusteringConnectionString;
                });
                // The ports listen on the advertised address (the cluster network) unless told otherwise.
                var advertised = AdvertisedAddress(settings.Silo.AdvertisedAddress);
                var listen = string.IsNullOrWhiteSpace(settings.Silo.ListenAddress) ? advertised : IPAddress.Parse(settings.Silo.ListenAddress);
                silo.Configure<EndpointOptions>(o =>
                {
                    o.AdvertisedIPAddress = advertised;
                    o.SiloPort = settings.Silo.SiloPort;
                    o.GatewayPort = settings.Silo.GatewayPort;
                    o.SiloListeningEndpoint = new IPEndPoint(listen, settings.Silo.SiloPort);
                    o.GatewayListeningEndpoint = new IPEndPoint(listen, settings.Silo.GatewayPort);
                });
                silo.UseAdoNetReminderService(o =>
                {
                    o.Invariant = DatabaseSchemaInstaller.PostgresInvariant;
                    o.ConnectionString = settings.ClusteringConnectionString;
                });
            }
            else
            {
                silo.UseLocalhostClustering(settings.Silo.SiloPort, settings.Silo.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
                if (settings.Storage.Provider == StorageProvider.PostgreSql)
                {
                    silo.UseAdoNetReminderService(o =>
                    {
                        o.Invariant = DatabaseSchemaInstaller.PostgresInvariant;
                        o.ConnectionString = settings.Storage.ConnectionString;
                    });
                }
                else
                {
                    silo.AddSqliteReminders();
                }
            }

            // A request that cannot finish (storage down, silo lost) fails within this bound instead of hanging.
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = RequestTimeout);
            // Storage failures (Npgsql exceptions) must reach the caller as themselves (a 503), not as a codec error (a 500).
            silo.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"));
            silo.AddSchedulerStorage(settings.Storage);
            silo.AddActivityPropagation();
            if (ClusterTls.Load(settings.Tls) is { } certificate)
            {
                silo.UseTls(certificate, o => ClusterTls.Configure(o, certificate));
            }
        });

        builder.Services.AddHostedService<SeedOnStart>();
        builder.Services.AddHostedService<WaitlistWakeUp>();
        return builder;
    }

    /// <summary>The services grains depend on (also used by test clusters).</summary>
    public static IServiceCollection AddSchedulerGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddApplicantKeys(configuration);
        services.AddAdmissionOptions(configuration);
        services.AddOptions<WaitlistOptions>().Bind(configuration.GetSection(WaitlistOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BookingWindowOptions>().Bind(configuration.GetSection(BookingWindowOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.AddOptions<JournalOptions>().Bind(configuration.GetSection(JournalOptions.Section));
        services.AddSingleton<SchedulerMetrics>();
        services.AddSingleton<StorageMetrics>();
        services.AddSingleton<SchedulerReadiness>();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<OperatorOptions>().Bind(configuration.GetSection(OperatorOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IFaultInjection, NoFaults>();
        return services;
    }

    /// <summary>The waiting room's settings (<see cref="AdmissionOptions"/>): silos and front doors alike, validated at start.</summary>
    public static IServiceCollection AddAdmissionOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdmissionOptions>().Bind(configuration.GetSection(AdmissionOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.MinDifficulty <= o.MaxDifficulty, "Scheduler:Admission:MinDifficulty must not exceed MaxDifficulty.")
            .Validate(o => o.TicketLifetime + o.TicketRetentionMargin >= o.ChallengeLifetime,
                "Scheduler:Admission:TicketLifetime plus TicketRetentionMargin must cover ChallengeLifetime (a ticket's row keeps its challenge single-use).")
            .ValidateOnStart();
        return services;
    }

    /// <summary>
    /// How applicants are addressed (<see cref="ApplicantKeys"/>) and booked (<see cref="BookingDesk"/>): silos and front
    /// doors alike.
    /// </summary>
    public static IServiceCollection AddApplicantKeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ApplicantKeys>();
        services.TryAddSingleton<RefusalMemory>();
        services.TryAddSingleton<BookingDesk>();
        return services;
    }

    /// <summary>Grain storage through Orleans' ADO.NET provider, with the Orleans binary serializer.</summary>
    public static ISiloBuilder AddSchedulerStorage(this ISiloBuilder silo, StorageSettings storage)
    {
        DatabaseSchemaInstaller.RegisterProviders();
        if (storage.Provider == StorageProvider.Sqlite)
        {
            // SQLite's driver blocks a thread for every statement (and while waiting for the file's write
            // lock). Start with enough threads that a burst of writes cannot starve the grain scheduler while
            // the pool grows slowly.
            ThreadPool.GetMinThreads(out var workers, out var completions);
            ThreadPool.SetMinThreads(Math.Max(workers, SqliteMinThreads), completions);
        }

        // On SQLite the ADO.NET provider sits behind a queue that lets one write at a time reach the file
        // (see SerialWritesGrainStorage); on PostgreSQL writes go straight to the provider, in parallel.
        var adoNetName = storage.Provider == StorageProvider.Sqlite ? SqliteAdoNetStorage : StorageNames.Scheduler;
        silo.AddAdoNetGrainStorage(adoNetName, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
            options.Configure<IServiceProvider>((o, services) =>
            {
                o.Invariant = storage.Provider == StorageProvider.PostgreSql
                    ? DatabaseSchemaInstaller.PostgresInvariant
                    : DatabaseSchemaInstaller.SqliteInvariant;
                o.ConnectionString = storage.ConnectionString;
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());
            }));
        if (storage.Provider == StorageProvider.Sqlite)
        {
            silo.Services.AddGrainStorage(StorageNames.Scheduler, (services, _) =>
                new SerialWritesGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(SqliteAdoNetStorage), services.GetRequiredService<SqliteWriteGate>()));
        }

        silo.Services.TryAddSingleton<SqliteWriteGate>();
        silo.Services.AddSingleton(services => new SchedulerDatabase(storage, services.GetRequiredService<IOptions<ClusterOptions>>(), services.GetRequiredService<SqliteWriteGate>()));
        silo.Services.AddSingleton<SeatJournal>();
        silo.Services.AddSingleton<CompactionGate>();
        silo.Services.AddSingleton<WaitlistStore>();
        silo.Services.AddSingleton<WaitlistLeaver>();
        silo.Services.AddHostedService(services => services.GetRequiredService<WaitlistLeaver>());
        silo.Services.AddSingleton<AdmissionStore>();
        silo.Services.AddSingleton<OperationLog>();
        silo.Services.AddNotifications();
        silo.Services.AddSingleton<Privacy.PersonalDataEraser>();
        silo.Services.AddHostedService(services => services.GetRequiredService<Privacy.PersonalDataEraser>());
        silo.Services.AddSingleton<Admission.AdmissionTicketSweeper>();
        silo.Services.AddHostedService(services => services.GetRequiredService<Admission.AdmissionTicketSweeper>());

        return silo;
    }

    /// <summary>Reminders kept in the SQLite file of <see cref="AddSchedulerStorage"/> (see <see cref="SqliteReminderTable"/>).</summary>
    public static ISiloBuilder AddSqliteReminders(this ISiloBuilder silo)
    {
        silo.AddReminders();
        silo.Services.AddSingleton<IReminderTable, SqliteReminderTable>();
        return silo;
    }

    private static IPAddress AdvertisedAddress(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return IPAddress.TryParse(configured, out var address)
                ? address
                : Dns.GetHostAddresses(configured).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        }

        return Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? IPAddress.Loopback;
    }
}
