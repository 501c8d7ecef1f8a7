using System.Text;

namespace Scheduler.Testing;

/// <summary>
/// Runs a command (a script, <c>dotnet build</c>) in the checkout to completion. Its output is collected on its
/// own, then appended to a shared log under a header naming the command, its exit code and how long it took.
/// </summary>
public static class ExternalCommand
{
    private static readonly SemaphoreSlim LogGate = new(1, 1);

    /// <summary>Runs and returns the output; throws, quoting the output's end, on a non-zero exit or a timeout.</summary>
    public static async Task<string> RunAsync(
        string file, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath, TimeSpan timeout, CancellationToken ct = default)
    {
        var (exitCode, output) = await TryRunAsync(file, arguments, environment, logPath, timeout, ct);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{Describe(file, arguments)}' exited with {exitCode}. End of its output (full log: {logPath}):\n{ChildProcess.LastLines(output, 40)}");
        }

        return output;
    }

    /// <summary>Runs and returns the exit code and output; throws only on a timeout (or when cancelled: the command is stopped).</summary>
    public static async Task<(int ExitCode, string Output)> TryRunAsync(
        string file, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath, TimeSpan timeout, CancellationToken ct = default)
    {
        var outputPath = Path.GetFullPath(logPath) + "." + Guid.NewGuid().ToString("N")[..8] + ".part";
        var started = TimeProvider.System.GetTimestamp();
        int? exitCode;
        await using (var command = ChildProcess.Start(file, arguments, RepositoryRoot.Path, environment, outputPath))
        {
            exitCode = await command.WaitForExitAsync(timeout, ct);
            if (exitCode is null)
            {
                await command.KillAsync();
            }
        }

        var output = File.Exists(outputPath) ? await File.ReadAllTextAsync(outputPath) : "";
        File.Delete(outputPath);
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        await AppendLogAsync(logPath, $"$ {Describe(file, arguments)}   # exit {exitCode?.ToString() ?? "timeout"} after {elapsed.TotalSeconds:0.0} s\n{output}\n");
        if (exitCode is not { } code)
        {
            throw new TimeoutException($"'{Describe(file, arguments)}' did not finish within {timeout.TotalSeconds:0} s. End of its output:\n{ChildProcess.LastLines(output, 40)}");
        }

        return (code, output);
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
