using System.Diagnostics;
using System.Text;

namespace Scheduler.FaultTests.Infrastructure;

/// <summary>
/// Runs a command (a script, dotnet) to completion with its output appended to a log file instead of a pipe:
/// scripts that start background processes must not leave them holding our pipes open.
/// </summary>
public static class ExternalCommand
{
    private static readonly SemaphoreSlim LogGate = new(1, 1);

    /// <summary>Runs and returns the output; throws, quoting the output's end, on a non-zero exit or a timeout.</summary>
    public static async Task<string> RunAsync(
        string file, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath, TimeSpan timeout)
    {
        var (exitCode, output) = await TryRunAsync(file, arguments, environment, logPath, timeout);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{Describe(file, arguments)}' exited with {exitCode}. End of its output (full log: {logPath}):\n{Tail(output, 40)}");
        }

        return output;
    }

    /// <summary>Runs and returns the exit code and output; throws only on a timeout.</summary>
    public static async Task<(int ExitCode, string Output)> TryRunAsync(
        string file, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath, TimeSpan timeout)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var outputPath = logPath + "." + Guid.NewGuid().ToString("N")[..8] + ".part";
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, WorkingDirectory = RepositoryRoot.Path };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$@\" >\"$FAULT_TEST_COMMAND_OUTPUT\" 2>&1 </dev/null");
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add(file);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["FAULT_TEST_COMMAND_OUTPUT"] = outputPath;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        using var deadline = new CancellationTokenSource(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var output = File.Exists(outputPath) ? await File.ReadAllTextAsync(outputPath) : "";
        File.Delete(outputPath);
        await AppendLogAsync(logPath, $"$ {Describe(file, arguments)}   # exit {(timedOut ? "timeout" : process.ExitCode)} after {clock.Elapsed.TotalSeconds:0.0} s\n{output}\n");
        if (timedOut)
        {
            throw new TimeoutException($"'{Describe(file, arguments)}' did not finish within {timeout.TotalSeconds:0} s. End of its output:\n{Tail(output, 40)}");
        }

        return (process.ExitCode, output);
    }

    public static string Tail(string text, int lines)
    {
        var all = text.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    private static string Describe(string file, IReadOnlyList<string> arguments)
    {
        var text = new StringBuilder(Path.GetFileName(file));
        foreach (var argument in arguments)
        {
            text.Append(' ').Append(argument);
        }

        return text.ToString();
    }

    private static async Task AppendLogAsync(string logPath, string text)
    {
        await LogGate.WaitAsync();
        try
        {
            await File.AppendAllTextAsync(logPath, text);
        }
        finally
        {
            LogGate.Release();
        }
    }
}
