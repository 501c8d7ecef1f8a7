namespace Scheduler.Storage;

/// <summary>Grain storage choice.</summary>
public enum StorageProvider
{
    /// <summary>A SQLite file: the embedded default, for one process.</summary>
    Sqlite,

    /// <summary>PostgreSQL: for a cluster.</summary>
    PostgreSql,
}
