namespace Scheduler.Testing;

/// <summary>The checkout the tests and tools run from: the folder holding <c>Scheduler.sln</c> and <c>scripts/cluster.sh</c>.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string?> Found = new(() => Find());

    /// <summary>The checkout above the working directory or this assembly; throws outside one.</summary>
    public static string Path => Found.Value ??
        throw new InvalidOperationException($"No repository root (Scheduler.sln, scripts/cluster.sh) above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}.");

    public static string Script(string name) => System.IO.Path.Combine(Path, "scripts", name);

    public static string? Find() => Find(Environment.CurrentDirectory, AppContext.BaseDirectory);

    public static string? Find(params string[] startFolders)
    {
        foreach (var start in startFolders)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(directory.FullName, "Scheduler.sln")) &&
                    File.Exists(System.IO.Path.Combine(directory.FullName, "scripts", "cluster.sh")))
                {
                    return directory.FullName;
                }
            }
        }

        return null;
    }
}
