namespace Scheduler.Storage;

/// <summary>Which database holds the scheduler's rows and the grain states (section <c>Scheduler:Storage</c>).</summary>
public sealed class StorageSettings
{
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>For SQLite defaults to a file <c>scheduler.db</c> in the working directory.</summary>
    public string ConnectionString { get; set; } = "Data Source=scheduler.db";
}
