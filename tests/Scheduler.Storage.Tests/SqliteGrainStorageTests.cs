namespace Scheduler.Storage.Tests;

/// <summary>The grain storage specification on a real SQLite file.</summary>
public sealed class SqliteGrainStorageTests(SqliteStorageClusterFixture fixture)
    : GrainStorageSpecification(fixture), IClassFixture<SqliteStorageClusterFixture>;
