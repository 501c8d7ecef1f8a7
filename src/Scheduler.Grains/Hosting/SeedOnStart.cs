using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scheduler.Contracts;
using Scheduler.Grains.Seed;

namespace Scheduler.Grains.Hosting;

/// <summary>Seeding options (section <c>Scheduler:Seed</c>).</summary>
public sealed class SeedOptions
{
    public const string Section = "Scheduler:Seed";

    public bool Enabled { get; set; } = true;
}

/// <summary>
/// After the silo starts: registers the demo catalogue (idempotent, so every silo of a cluster may do it)
/// and activates every office, which wakes its day inventories; then reports ready.
/// </summary>
public sealed class SeedOnStart(
    IGrainFactory grains,
    IOptions<SeedOptions> options,
    TimeProvider clock,
    SchedulerReadiness readiness,
    ILogger<SeedOnStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (options.Value.Enabled)
            {
                var catalog = SeedCatalog.LoadPeru(clock.GetUtcNow().Year);
                await grains.GetGrain<ICatalogGrain>(0).Register(catalog.Procedures, catalog.Summaries());
                await Task.WhenAll(catalog.Offices.Select(o => grains.GetGrain<IOfficeGrain>(o.Id).Seed(o)));
                logger.LogInformation("Seeded {Offices} offices and {Procedures} procedures", catalog.Offices.Count, catalog.Procedures.Count);
            }
            else
            {
                var offices = await grains.GetGrain<ICatalogGrain>(0).GetOffices();
                await Task.WhenAll(offices.Select(o => grains.GetGrain<IOfficeGrain>(o.Id).GetProfile()));
            }

            readiness.MarkReady();
        }
        catch (Exception failure)
        {
            readiness.MarkFailed(failure.Message);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
