using Scheduler.LoadTests.Cli;
using Scheduler.LoadTests.Hosting;
using Scheduler.LoadTests.Running;

// Before any socket exists: run socket continuations on the epoll threads (no thread-pool hop per
// answer; see ToolRuntime). Processes the tool starts do not inherit this.
ToolRuntime.Apply();

var (options, error) = CommandLine.Parse(args);
if (options is null)
{
    if (error is not null)
    {
        Console.Error.WriteLine($"error: {error}");
        Console.Error.WriteLine(CommandLine.Usage);
        return LoadRun.ExitBadArguments;
    }

    Console.WriteLine(CommandLine.Usage);
    return LoadRun.ExitOk;
}

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C: stop launching, finish the report and stop what we started. Second: default (kill).
    if (!interrupt.IsCancellationRequested)
    {
        e.Cancel = true;
        interrupt.Cancel();
    }
};

return await new LoadRun(options, Console.Out, TimeProvider.System).ExecuteAsync(interrupt.Token);
