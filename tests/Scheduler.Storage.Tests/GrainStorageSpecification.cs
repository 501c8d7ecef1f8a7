using Orleans.Storage;
using Scheduler.Storage.Tests.Probes;

namespace Scheduler.Storage.Tests;

/// <summary>
/// What the schema must guarantee to Orleans' ADO.NET grain storage, run once per database
/// against a real two-silo cluster (see <see cref="SqliteGrainStorageTests"/> and
/// <see cref="PostgresGrainStorageTests"/>).
/// </summary>
public abstract class GrainStorageSpecification(StorageClusterFixture fixture)
{
    private const string DirectStateName = "storage-tests.direct";
    private static readonly GrainType DirectGrainType = GrainType.Create("storage-tests.direct");

    [SkippableFact]
    public async Task Written_state_is_read_back_by_a_new_activation_and_clearing_resets_it()
    {
        var context = await fixture.GetAsync();
        var grain = context.Cluster.Client.GetGrain<IProbeGrain>(1001);

        await grain.Set(41);
        await grain.Set(42);
        await context.Cluster.DeactivateAsync(grain);

        var reloaded = await grain.Get();
        Assert.Equal(42, reloaded.Value);
        Assert.Equal(["set 41", "set 42"], reloaded.History);
        Assert.Equal("2", await grain.GetETag());

        await grain.Clear();
        await context.Cluster.DeactivateAsync(grain);

        var cleared = await grain.Get();
        Assert.Equal(0, cleared.Value);
        Assert.Empty(cleared.History);
        // Clearing keeps the row and bumps its version, so the next write still checks the ETag.
        Assert.Equal("3", await grain.GetETag());

        await grain.Set(7);
        Assert.Equal("4", await grain.GetETag());
        Assert.Equal(1, await context.Database.CountStorageRowsAsync(context.ServiceId, ProbeGrain.StateName));
    }

    [SkippableFact]
    public async Task State_written_before_a_cluster_restart_is_read_after_it()
    {
        var context = await fixture.GetAsync();
        var serviceId = "restart-" + Guid.NewGuid().ToString("N");

        await using (var before = await StorageClusters.StartAsync(context.Database, serviceId))
        {
            await before.Client.GetGrain<IProbeGrain>(7).Set(70);
        }

        await using var after = await StorageClusters.StartAsync(context.Database, serviceId);
        var state = await after.Client.GetGrain<IProbeGrain>(7).Get();

        Assert.Equal(70, state.Value);
        Assert.Equal("1", await after.Client.GetGrain<IProbeGrain>(7).GetETag());
    }

    [SkippableFact]
    public async Task Writing_with_a_stale_etag_throws_InconsistentStateException()
    {
        var context = await fixture.GetAsync();
        var grainId = GrainId.Create(DirectGrainType, IdSpan.Create("stale-etag"));
        var storage = context.Storage(0, TestStorage.StoreName);
        var otherSilo = context.Storage(1, TestStorage.StoreName);

        var mine = new GrainState<ProbeState>(new ProbeState { Value = 1 });
        await storage.WriteStateAsync(DirectStateName, grainId, mine);
        Assert.Equal("1", mine.ETag);

        var theirs = new GrainState<ProbeState>();
        await otherSilo.ReadStateAsync(DirectStateName, grainId, theirs);
        Assert.NotNull(theirs.State);
        theirs.State.Value = 2;
        await otherSilo.WriteStateAsync(DirectStateName, grainId, theirs);
        Assert.Equal("2", theirs.ETag);

        mine.State = new ProbeState { Value = 3 };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(DirectStateName, grainId, mine));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(DirectStateName, grainId, mine));

        // A writer that never read the row is stale too: it must not overwrite.
        var blind = new GrainState<ProbeState>(new ProbeState { Value = 4 });
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(DirectStateName, grainId, blind));

        var stored = new GrainState<ProbeState>();
        await storage.ReadStateAsync(DirectStateName, grainId, stored);
        Assert.Equal(2, stored.State?.Value);
        Assert.Equal("2", stored.ETag);
    }

    public static TheoryData<string> KeyKinds => ["integer", "guid", "string", "integer+extension"];

    [SkippableTheory]
    [MemberData(nameof(KeyKinds))]
    public async Task Concurrent_first_writes_of_one_grain_give_one_success_one_conflict_and_one_row(string keyKind)
    {
        var context = await fixture.GetAsync();
        var stateName = "storage-tests.race." + keyKind;
        const int grainCount = 10;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, grainCount)
            .Select(i => RaceFirstWritesAsync(context, stateName, RaceGrainId(keyKind, i))));

        Assert.All(outcomes, outcome => Assert.Equal((Successes: 1, Conflicts: 1), outcome));
        Assert.Equal(grainCount, await context.Database.CountStorageRowsAsync(context.ServiceId, stateName));
    }

    [SkippableFact]
    public async Task Clearing_with_DeleteStateOnClear_removes_the_row_and_the_grain_starts_over()
    {
        var context = await fixture.GetAsync();
        var stateName = DirectStateName + ".deleting";
        var grainId = GrainId.Create(DirectGrainType, GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid()));
        var storage = context.Storage(0, TestStorage.DeletingStoreName);

        var state = new GrainState<ProbeState>(new ProbeState { Value = 5 });
        await storage.WriteStateAsync(stateName, grainId, state);
        await storage.WriteStateAsync(stateName, grainId, state);
        Assert.Equal("2", state.ETag);

        await storage.ClearStateAsync(stateName, grainId, state);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(0, await context.Database.CountStorageRowsAsync(context.ServiceId, stateName));

        var reread = new GrainState<ProbeState>();
        await storage.ReadStateAsync(stateName, grainId, reread);
        Assert.Null(reread.ETag);
        Assert.False(reread.RecordExists);

        reread.State = new ProbeState { Value = 6 };
        await storage.WriteStateAsync(stateName, grainId, reread);
        Assert.Equal("1", reread.ETag);
        Assert.Equal(1, await context.Database.CountStorageRowsAsync(context.ServiceId, stateName));
    }

    private static GrainId RaceGrainId(string keyKind, int index) => keyKind switch
    {
        "integer" => GrainId.Create(DirectGrainType, GrainIdKeyExtensions.CreateIntegerKey(index)),
        "guid" => GrainId.Create(DirectGrainType, GrainIdKeyExtensions.CreateGuidKey(new Guid(index, 0, 0, new byte[8]))),
        "string" => GrainId.Create(DirectGrainType, IdSpan.Create($"race-{index}")),
        "integer+extension" => GrainId.Create(DirectGrainType, GrainIdKeyExtensions.CreateIntegerKey(index, $"ext-{index}")),
        _ => throw new ArgumentOutOfRangeException(nameof(keyKind), keyKind, null),
    };

    /// <summary>Two silos write the first state of one grain at the same moment.</summary>
    private static async Task<(int Successes, int Conflicts)> RaceFirstWritesAsync(StorageClusterContext context, string stateName, GrainId grainId)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task<bool> WriteFirstStateAsync(IGrainStorage storage, int value) => Task.Run(async () =>
        {
            await go.Task;
            try
            {
                await storage.WriteStateAsync(stateName, grainId, new GrainState<ProbeState>(new ProbeState { Value = value }));
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        });

        var writes = new[]
        {
            WriteFirstStateAsync(context.Storage(0, TestStorage.StoreName), 1),
            WriteFirstStateAsync(context.Storage(1, TestStorage.StoreName), 2),
        };
        go.SetResult();
        var results = await Task.WhenAll(writes);
        return (results.Count(succeeded => succeeded), results.Count(succeeded => !succeeded));
    }
}
