using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Scheduler.Contracts;
using Scheduler.Grains.State;

namespace Scheduler.Grains.Tests;

/// <summary>Operator records an earlier release kept as grain states (a month's audit trail, a transfer) are read by this one.</summary>
[Collection(SchedulerClusterCollection.Name)]
public sealed class LegacyOperatorStateTests(SchedulerCluster fixture)
{
    [Fact]
    public async Task An_audit_month_an_earlier_release_stored_whole_is_read_as_rows_and_its_state_cleared()
    {
        var month = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var entries = new[]
        {
            new AuditEntry(month.AddDays(2), "operator:old", "capacity-changed", "lim-brena", "cpp-biometrics 2025-03-10..2025-03-10: 3 counters", "old staff"),
            new AuditEntry(month.AddDays(5), "operator:old", "day-closed", "lim-sjl", "2025-03-12: 4 relocated, 0 not relocated", "strike"),
        };
        var grainId = GrainId.Create("audit-trail", "2025-03");
        await Storage.WriteStateAsync("auditTrail", grainId, new GrainState<AuditTrailState>(new AuditTrailState { Entries = [.. entries] }));

        var read = await fixture.Client.GetGrain<IAuditTrailGrain>("2025-03").Read(month, month.AddMonths(1));

        Assert.Equal(
            entries.Select((e, i) => (e.At, e.Actor, e.Action, e.Target, e.Detail, e.Reason, (string?)$"legacy-2025-03-{i}", "completed")),
            read.Select(e => (e.At, e.Actor, e.Action, e.Target, e.Detail, e.Reason, e.OperationId, e.Status)));
        var left = new GrainState<AuditTrailState>(new AuditTrailState());
        await Storage.ReadStateAsync("auditTrail", grainId, left);
        Assert.False(left.RecordExists && left.State?.Entries.Count > 0);
    }

    [Fact]
    public async Task A_transfer_an_earlier_release_committed_answers_its_first_result_and_refuses_another_move_under_its_id()
    {
        var id = "transfer-legacy-" + Guid.NewGuid().ToString("N");
        var date = SchedulerCluster.Today.AddDays(26);
        var request = new TransferRequest(SchedulerCluster.Procedure, SchedulerCluster.Office, SchedulerCluster.OtherOffice, date, date, 1, "operator:old", null);
        var committed = new TransferResult(id, TransferStatus.Committed, null, []) { Request = request };
        await Storage.WriteStateAsync("capacityTransfer", GrainId.Create("capacity-transfer", id),
            new GrainState<TransferState>(new TransferState { Request = request, Status = TransferStatus.Committed, Result = committed }));
        var before = await fixture.Day(SchedulerCluster.Office, date).GetAvailability();

        var replay = await fixture.Client.GetGrain<ICapacityTransferGrain>(id).Execute(request);
        var other = await fixture.Client.GetGrain<ICapacityTransferGrain>(id).Execute(request with { Counters = 2 });

        Assert.Equal((TransferStatus.Committed, true), (replay.Status, replay.Replayed));
        Assert.True(other.IdReused);
        Assert.Equal(before.Slots.Select(s => s.Capacity), (await fixture.Day(SchedulerCluster.Office, date).GetAvailability()).Slots.Select(s => s.Capacity));
    }

    private IGrainStorage Storage => fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Scheduler);
}
