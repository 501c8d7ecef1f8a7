using Scheduler.Api.Hosting;

// Settings are read once, at start, and validated there; nothing here reloads them. Without this the host watches its
// content root recursively for changed settings files, and that root is usually the working directory (dotnet run, the
// scripts), which may hold the SQLite database and its write-ahead log or a PostgreSQL data directory: every commit
// became file events for a watcher thread (6 % of the CPU in a PostgreSQL booking benchmark run from the repository).
var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
builder.AddSchedulerApi();

var app = builder.Build();
app.MapSchedulerApi();
app.Run();

/// <summary>Entry point; public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
