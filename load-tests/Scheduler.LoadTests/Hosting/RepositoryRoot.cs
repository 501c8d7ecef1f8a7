namespace Scheduler.LoadTests.Hosting;

/// <summary>Finds the checkout the tool runs from (the folder holding <c>Scheduler.sln</c>).</summary>
public static class RepositoryRoot
{
    public static string? Find(params string[] startFolders)
    {
        foreach (var start in startFolders)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Scheduler.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    public static string? Find() => Find(Environment.CurrentDirectory, AppContext.BaseDirectory);
}
