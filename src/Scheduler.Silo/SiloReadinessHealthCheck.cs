using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scheduler.Grains.Hosting;

namespace Scheduler.Silo;

/// <summary>Ready once the schema is in place and the seed and warm-up have run.</summary>
public sealed class SiloReadinessHealthCheck(SchedulerReadiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.IsReady ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(readiness.Failure ?? "Starting."));
}
