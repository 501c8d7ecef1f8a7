namespace Scheduler.Storage.Tests.Probes;

/// <summary>The state the storage probes persist: small, but with a collection so serialization is not trivial.</summary>
[GenerateSerializer, Alias("storage-tests.probe-state")]
public sealed class ProbeState
{
    [Id(0)] public int Value { get; set; }

    [Id(1)] public List<string> History { get; set; } = [];
}
