using Scheduler.Silo;
using Scheduler.Grains.Hosting;
using Scheduler.Grains.Telemetry;
using Scheduler.ServiceDefaults;

// Settings are read once, at start; no recursive watch of the content root (often the working directory, which may hold
// the database files: every commit would become file events).
var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
builder.AddSchedulerSilo();
builder.AddServiceDefaults("scheduler-silo", SchedulerMetrics.MeterName);
builder.Services.AddHealthChecks().AddCheck<SiloReadinessHealthCheck>("silo", tags: [ServiceDefaultsExtensions.ReadyTag]);

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
