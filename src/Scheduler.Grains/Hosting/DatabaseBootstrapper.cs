using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Scheduler.Grains.Persistence;
using Scheduler.Storage;

namespace Scheduler.Grains.Hosting;

/// <summary>
/// Creates or updates the database schema before Orleans starts (registered ahead of the silo, and hosted
/// services start in order): the ADO.NET providers read their queries from it when they initialise. Then carries
/// data an earlier release wrote over to the current layout (<see cref="LegacyClaimsMigration"/>, then
/// <see cref="ApplicantKeyMigration"/>, then <see cref="LegacyWaitlistMigration"/> (then <see cref="WaitlistOwnersMigration"/>), which removes the old waitlist states the
/// key migration reads).
/// </summary>
public sealed class DatabaseBootstrapper(
    IOptions<SchedulerOptions> options,
    IOptions<PrivacyOptions> privacy,
    SchedulerDatabase database,
    Serializer serializer,
    TimeProvider clock,
    ILogger<DatabaseBootstrapper> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Storage.Provider == StorageProvider.Sqlite)
        {
            await DatabaseSchemaInstaller.EnsureSqliteSchemaAsync(settings.Storage.ConnectionString, cancellationToken);
        }
        else
        {
            await DatabaseSchemaInstaller.EnsurePostgresSchemaAsync(settings.Storage.ConnectionString, cancellationToken);
        }

        if (settings.Clustering.Provider == ClusteringProvider.AdoNet &&
            (settings.Storage.Provider != StorageProvider.PostgreSql || settings.ClusteringConnectionString != settings.Storage.ConnectionString))
        {
            await DatabaseSchemaInstaller.EnsurePostgresSchemaAsync(settings.ClusteringConnectionString!, cancellationToken);
        }

        // Data an earlier release wrote is carried over before any grain reads it.
        await LegacyClaimsMigration.RunAsync(database, serializer, privacy.Value.DocumentHashKey, logger, cancellationToken);
        await ApplicantKeyMigration.RunAsync(database, serializer, privacy.Value.DocumentHashKey, logger, cancellationToken);
        await LegacyWaitlistMigration.RunAsync(database, serializer, clock, logger, cancellationToken);
        await WaitlistOwnersMigration.RunAsync(database, serializer, privacy.Value.DocumentHashKey, clock, logger, cancellationToken);
        logger.LogInformation("Database schema ready ({Storage} storage, {Clustering} clustering)", settings.Storage.Provider, settings.Clustering.Provider);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
