namespace Scheduler.Storage.Tests;

/// <summary>The grain storage specification on real PostgreSQL (<c>SCHEDULER_TEST_POSTGRES</c>).</summary>
public sealed class PostgresGrainStorageTests(PostgresStorageClusterFixture fixture)
    : GrainStorageSpecification(fixture), IClassFixture<PostgresStorageClusterFixture>;
