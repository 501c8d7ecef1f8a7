using Scheduler.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSchedulerApi();

var app = builder.Build();
app.MapSchedulerApi();
app.Run();

/// <summary>Entry point; public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
