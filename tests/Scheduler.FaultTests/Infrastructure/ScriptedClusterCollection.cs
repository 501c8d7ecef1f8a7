namespace Scheduler.FaultTests.Infrastructure;

/// <summary>The tests that share one scripted cluster; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ScriptedClusterCollection : ICollectionFixture<ScriptedCluster>
{
    public const string Name = "scripted cluster";
}
