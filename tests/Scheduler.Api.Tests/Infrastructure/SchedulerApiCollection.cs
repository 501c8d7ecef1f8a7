namespace Scheduler.Api.Tests.Infrastructure;

/// <summary>The test classes that share one running API (one silo, one SQLite file); they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SchedulerApiCollection : ICollectionFixture<SchedulerApiFactory>
{
    public const string Name = "Scheduler API";
}
