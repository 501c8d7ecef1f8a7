namespace Scheduler.GroupCommitBenchmark;

/// <summary>Where the scheduler keeps grain state during a run.</summary>
public enum StorageKind
{
    PostgreSql,
    Sqlite,
}
