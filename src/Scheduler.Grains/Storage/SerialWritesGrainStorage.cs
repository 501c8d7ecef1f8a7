using Orleans.Storage;
using Scheduler.Storage;

namespace Scheduler.Grains.Storage;

/// <summary>
/// Grain storage that lets one write at a time through to the storage it wraps, in arrival order; reads
/// pass straight through.
/// </summary>
/// <remarks>
/// This is for SQLite, which has a single write lock per file. When two of the silo's writes meet on that
/// lock, Microsoft.Data.Sqlite does not wait for the lock to clear: it sleeps a fixed 150 ms and tries again.
/// Under a surge (an applicant's claim and a day inventory's batch landing together) that sleep set a floor
/// of about 155 ms under p99 booking latency. Queued here instead, a write waits only for the writes ahead
/// of it, a few milliseconds each. Reads need no queue: in WAL mode they never wait for a writer.
/// The queue (<see cref="SqliteWriteGate"/>, shared with the scheduler's own writers) is per process, so it is for the embedded default, where one process owns the file.
/// </remarks>
public sealed class SerialWritesGrainStorage(IGrainStorage inner, SqliteWriteGate gate) : IGrainStorage
{

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        OneAtATimeAsync(() => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        OneAtATimeAsync(() => inner.ClearStateAsync(stateName, grainId, grainState));

    private async Task OneAtATimeAsync(Func<Task> write)
    {
        // No ConfigureAwait(false): the write goes on in the calling grain's context, as it would unwrapped.
        using var turn = await gate.EnterAsync();
        await write();
    }
}
