namespace Scheduler.Storage.Tests.Probes;

/// <summary>A grain with an integer key (no key extension), persisted through the "store" provider.</summary>
[Alias("storage-tests.IProbeGrain")]
public interface IProbeGrain : IGrainWithIntegerKey
{
    [Alias("Get")] Task<ProbeState> Get();

    [Alias("Set")] Task Set(int value);

    [Alias("Clear")] Task Clear();

    [Alias("GetETag")] Task<string?> GetETag();
}
