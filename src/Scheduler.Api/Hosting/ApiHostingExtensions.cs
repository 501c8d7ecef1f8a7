using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Scalar.AspNetCore;
using Scheduler.Api.Admission;
using Scheduler.Api.Apis;
using Scheduler.Api.OpenApi;
using Scheduler.Api.Validation;
using Scheduler.Grains;
using Scheduler.Grains.Hosting;
using Scheduler.Grains.Telemetry;
using Scheduler.ServiceDefaults;
using Scheduler.Storage;

namespace Scheduler.Api.Hosting;

/// <summary>Wiring of the HTTP front door: Orleans (co-hosted silo or client), HTTP pipeline, security, docs.</summary>
public static class ApiHostingExtensions
{
    public static WebApplicationBuilder AddSchedulerApi(this WebApplicationBuilder builder)
    {
        var api = builder.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        builder.Services.AddOptions<ApiOptions>().Bind(builder.Configuration.GetSection(ApiOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        if (api.Mode == ApiMode.CoHosted)
        {
            builder.AddSchedulerSilo();
        }
        else
        {
            builder.AddSchedulerClient(api);
        }

        builder.AddServiceDefaults("scheduler-api", SchedulerMetrics.MeterName);
        builder.Services.AddHealthChecks().AddCheck<ReadinessHealthCheck>("cluster", tags: [ServiceDefaultsExtensions.ReadyTag]);

        builder.Services.AddSingleton<OfficeDirectory>();
        builder.Services.AddSingleton<AvailabilityCache>();
        builder.Services.AddSingleton<AllocationSettingsCache>();
        builder.Services.AddSingleton<OwnershipGuard>();
        builder.AddAdmission();
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.AllowTrailingCommas = false;
            // A number is a JSON number: "5" or "1,5" in quotes is a 400 naming the field (the web defaults read both).
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = StatusProblems.Customize);
        builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        builder.Services.AddExceptionHandler<UnavailableExceptionHandler>();
        builder.Services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<SchedulerDocumentTransformer>();
            o.AddOperationTransformer<OperatorSecurityTransformer>();
            o.AddOperationTransformer<RequiredBodyTransformer>();
            o.AddOperationTransformer<AdmissionTokenTransformer>();
            o.AddSchemaTransformer<RequiredFieldsTransformer>();
        });

        if (OperatorAuthentication.Missing(builder.Configuration, builder.Environment, api) is { } missing)
        {
            throw new InvalidOperationException(missing);
        }

        builder.Services.AddAuthentication().AddJwtBearer();
        builder.Services.AddAuthorizationBuilder().AddPolicy(AdminApi.OperatorPolicy, policy => policy.RequireRole("operator"));

        var limits = builder.AddAbuseLimits();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = AbuseLimits.GlobalLimiter(limits);
            limiter.AddConcurrencyLimiter(AppointmentsApi.BookingRateLimitPolicy, o =>
            {
                o.PermitLimit = api.MaxConcurrentBookings;
                o.QueueLimit = 0;
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.RequestServices.GetRequiredService<SchedulerMetrics>().Rejected("rate-limited");
                AbuseLimits.RetryAfter(context.HttpContext, context.Lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var wait) ? wait : null);
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context.HttpContext, ProblemDetails = Problems.Problems.RateLimited() });
            };
        });

        return builder;
    }

    public static WebApplication MapSchedulerApi(this WebApplication app)
    {
        // First: every later step (limits, ownership guard, logs) sees the client's address a trusted proxy names. Only
        // with proxies configured: with none, ASP.NET Core's forwarded-headers step would believe every sender.
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LimitsOptions>>().Value.TrustedProxies.Length > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseExceptionHandler();
        app.Use(async (http, next) =>
        {
            await next(http);
            if (http.Response.StatusCode is StatusCodes.Status400BadRequest or StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType
                or StatusCodes.Status422UnprocessableEntity or StatusCodes.Status503ServiceUnavailable)
            {
                http.RequestServices.GetRequiredService<SchedulerMetrics>().Rejected(http.Response.StatusCode switch
                {
                    StatusCodes.Status503ServiceUnavailable => "unavailable",
                    StatusCodes.Status422UnprocessableEntity => "idempotency-key-reused",
                    _ => "invalid",
                });
            }
        });
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseOperatorGate();
        app.UseAuthorization();
        app.UseBodySizeLimit();
        app.UseRateLimiter();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", o => o.WithTitle("Migration appointment scheduler").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapWebPages();

        var api = app.MapGroup(string.Empty).AddEndpointFilterFactory(QueryRules.Check).ProducesCommonProblems();
        api.MapOfficesApi();
        api.MapAppointmentsApi();
        api.MapWaitlistApi();
        api.MapRequestsApi();
        api.MapAdmissionApi();
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiOptions>>().Value.OperatorRoutes)
        {
            api.MapAdminApi();
            api.MapAllocationAdminApi();
            api.MapAdmissionAdminApi();
        }
        app.MapDefaultEndpoints();
        return app;
    }

    /// <summary>An Orleans client of a cluster: ADO.NET membership on PostgreSQL, or a localhost gateway.</summary>
    private static void AddSchedulerClient(this WebApplicationBuilder builder, ApiOptions api)
    {
        var settings = builder.Configuration.GetSection(SchedulerOptions.Section).Get<SchedulerOptions>() ?? new SchedulerOptions();
        builder.Services.AddOptions<SchedulerOptions>().Bind(builder.Configuration.GetSection(SchedulerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<BookingWindowOptions>().Bind(builder.Configuration.GetSection(BookingWindowOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<SchedulerMetrics>();
        builder.Services.AddApplicantKeys(builder.Configuration);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ServiceId = settings.ServiceId;
                o.ClusterId = settings.ClusterId;
            });
            if (settings.Clustering.Provider == ClusteringProvider.AdoNet)
            {
                DatabaseSchemaInstaller.RegisterProviders();
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = DatabaseSchemaInstaller.PostgresInvariant;
                    o.ConnectionString = settings.ClusteringConnectionString;
                });
            }
            else
            {
                client.UseLocalhostClustering(api.GatewayPort, settings.ServiceId, settings.ClusterId);
            }

            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = SchedulerSiloExtensions.RequestTimeout);
            client.Configure<Orleans.Serialization.ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"));
            client.AddActivityPropagation();
            if (ClusterTls.Load(settings.Tls) is { } certificate)
            {
                client.UseTls(certificate, o => ClusterTls.Configure(o, certificate));
            }
        });
    }
}
