namespace Scheduler.Storage.Tests.Probes;

[GrainType("storage-tests.probe")]
public sealed class ProbeGrain(
    [PersistentState(ProbeGrain.StateName, TestStorage.StoreName)] IPersistentState<ProbeState> state)
    : Grain, IProbeGrain
{
    public const string StateName = "storage-tests.probe";

    public Task<ProbeState> Get() => Task.FromResult(state.State);

    public async Task Set(int value)
    {
        state.State.Value = value;
        state.State.History.Add($"set {value}");
        await state.WriteStateAsync();
    }

    public Task Clear() => state.ClearStateAsync();

    public Task<string?> GetETag() => Task.FromResult<string?>(state.Etag);
}
