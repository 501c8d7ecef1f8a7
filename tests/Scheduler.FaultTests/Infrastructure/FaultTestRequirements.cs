namespace Scheduler.FaultTests.Infrastructure;

/// <summary>
/// When the fault tests run. They need Linux (bash, signals) and the PostgreSQL server binaries for the
/// cluster tests. Under CI (<c>CI</c> set) they always run and a missing prerequisite fails them; on a
/// developer machine they are skipped when <c>initdb</c> is missing or <c>SCHEDULER_SKIP_FAULT_TESTS=1</c>.
/// </summary>
public static class FaultTestRequirements
{
    public const string OptOutVariable = "SCHEDULER_SKIP_FAULT_TESTS";

    public static bool OnCi => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("CI"));

    /// <summary>Real processes, signals and bash.</summary>
    public static void RequireProcesses()
    {
        if (OnCi)
        {
            return;
        }

        Skip.If(Environment.GetEnvironmentVariable(OptOutVariable) is "1" or "true", $"{OptOutVariable} is set.");
        Skip.IfNot(OperatingSystem.IsLinux(), "The fault tests start, kill and signal real processes through bash scripts (Linux only).");
    }

    /// <summary>Processes, plus a PostgreSQL server that scripts/pg.sh can start.</summary>
    public static void RequirePostgreSqlServer()
    {
        RequireProcesses();
        if (OnCi)
        {
            return;
        }

        Skip.IfNot(HasInitdb(), "initdb is not installed (Debian package 'postgresql'); scripts/pg.sh start installs it as root.");
    }

    private static bool HasInitdb()
    {
        if (Directory.Exists("/usr/lib/postgresql") &&
            Directory.EnumerateDirectories("/usr/lib/postgresql").Any(d => File.Exists(Path.Combine(d, "bin", "initdb"))))
        {
            return true;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, "initdb")));
    }
}
