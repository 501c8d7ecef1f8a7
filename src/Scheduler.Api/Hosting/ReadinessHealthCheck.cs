using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scheduler.Contracts;
using Scheduler.Grains.Hosting;

namespace Scheduler.Api.Hosting;

/// <summary>Ready when start-up finished and a grain answers (the catalog, served from memory).</summary>
public sealed class ReadinessHealthCheck(IServiceProvider services, IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<SchedulerReadiness>() is { IsReady: false } readiness)
        {
            return HealthCheckResult.Unhealthy(readiness.Failure ?? "Starting: schema, seed or warm-up not finished.");
        }

        try
        {
            var offices = await grains.GetGrain<ICatalogGrain>(0).GetOffices().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return offices.Count > 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("No offices registered yet.");
        }
        catch (Exception failure)
        {
            return HealthCheckResult.Unhealthy("The cluster does not answer.", failure);
        }
    }
}
