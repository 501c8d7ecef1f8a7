namespace Scheduler.FaultTests.Infrastructure;

/// <summary>The checkout these tests run from: the directory holding <c>Scheduler.sln</c> and <c>scripts/cluster.sh</c>.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Script(string name) => System.IO.Path.Combine(Path, "scripts", name);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Scheduler.sln")) &&
                File.Exists(System.IO.Path.Combine(directory.FullName, "scripts", "cluster.sh")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root (Scheduler.sln, scripts/cluster.sh) above {AppContext.BaseDirectory}.");
    }
}
