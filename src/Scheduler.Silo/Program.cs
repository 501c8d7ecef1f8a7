using Scheduler.Silo;
using Scheduler.Grains.Hosting;
using Scheduler.Grains.Telemetry;
using Scheduler.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddSchedulerSilo();
builder.AddServiceDefaults("scheduler-silo", SchedulerMetrics.MeterName);
builder.Services.AddHealthChecks().AddCheck<SiloReadinessHealthCheck>("silo", tags: [ServiceDefaultsExtensions.ReadyTag]);

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
