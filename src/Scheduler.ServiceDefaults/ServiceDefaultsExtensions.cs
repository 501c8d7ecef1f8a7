using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Scheduler.ServiceDefaults;

/// <summary>What every scheduler host has: OpenTelemetry (traces, metrics), health endpoints, Prometheus.</summary>
public static class ServiceDefaultsExtensions
{
    public const string ReadyTag = "ready";

    /// <summary>
    /// Traces from ASP.NET Core, Orleans and Npgsql; metrics from ASP.NET Core, Orleans, the runtime and the
    /// given meters. OTLP export when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; Prometheus text always.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName, params string[] meters)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Microsoft.Orleans")
                .AddMeter("Npgsql")
                .AddMeter(meters)
                .AddPrometheusExporter());

        // Traces cost an activity per request and per grain call; they are recorded only when something
        // receives them (an OTLP endpoint), and then an HTTP span and its grain calls form one trace.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/metrics") && !http.Request.Path.StartsWithSegments("/health"))
                    .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Microsoft.Orleans.Storage", "Scheduler.Journal")
                    .AddNpgsql())
                .UseOtlpExporter();
        }

        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary><c>/health/live</c> (process up), <c>/health/ready</c> (checks tagged ready), <c>/metrics</c>.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
