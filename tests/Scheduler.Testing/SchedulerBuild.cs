namespace Scheduler.Testing;

/// <summary>Builds of the checkout's hosts (<c>src/{project}</c>), where their output lands, and copies of it.</summary>
public static class SchedulerBuild
{
    public const string Api = "Scheduler.Api";
    public const string Silo = "Scheduler.Silo";

    /// <summary>The build output of <c>src/{project}</c> in <paramref name="configuration"/>.</summary>
    public static string Output(string project, string configuration = "Release", string framework = "net10.0") =>
        Path.Combine(RepositoryRoot.Path, "src", project, "bin", configuration, framework);

    /// <summary><c>dotnet build -c Release src/{project}</c>, its output appended to <paramref name="logPath"/>; throws with the end of it on failure.</summary>
    public static async Task BuildAsync(string project, string logPath, TimeSpan timeout, CancellationToken ct = default)
    {
        var arguments = new[] { "build", Path.Combine(RepositoryRoot.Path, "src", project, project + ".csproj"), "-c", "Release", "-nologo", "-v", "q" };
        var environment = new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
        var (exitCode, output) = await ExternalCommand.TryRunAsync("dotnet", arguments, environment, logPath, timeout, ct);
        if (exitCode != 0)
        {
            // A build running next to ours (a shared checkout) can hold a file for a moment: one retry.
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            (exitCode, output) = await ExternalCommand.TryRunAsync("dotnet", arguments, environment, logPath, timeout, ct);
        }

        if (exitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build -c Release of {project} failed:\n{ChildProcess.LastLines(output, 30)}");
        }
    }

    /// <summary>
    /// Copies the Release output of <c>src/{project}</c> to <paramref name="destination"/>, so that a rebuild in the
    /// checkout cannot touch what runs; answers <paramref name="destination"/>.
    /// </summary>
    public static string CopyOutput(string project, string destination)
    {
        var output = Output(project);
        if (!File.Exists(Path.Combine(output, project + ".dll")))
        {
            throw new InvalidOperationException($"{output}/{project}.dll is missing: build src/{project} in Release first.");
        }

        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(output, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }

        return destination;
    }
}
