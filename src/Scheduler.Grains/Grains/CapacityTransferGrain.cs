using Microsoft.Extensions.Logging;
using Scheduler.Contracts;
using Scheduler.Grains.Capacity;
using Scheduler.Grains.State;

namespace Scheduler.Grains.Grains;

/// <summary>
/// Moves counters between two offices as one operation. Steps: store the intent (pending); the source takes
/// its cut (effective at once, so nobody books the seats leaving); the destination records its addition
/// (not yet effective); store "committed" (the commit point); both offices confirm. A failure before the
/// commit point removes both adjustments and stores "aborted". A crash leaves the adjustments unconfirmed;
/// each office asks <see cref="ICapacityTransferGrain.Resolve"/> on activation and settles them, and a
/// transfer found pending with no one running it is aborted.
/// </summary>
[GrainType("capacity-transfer")]
public sealed class CapacityTransferGrain(
    [PersistentState("capacityTransfer", StorageNames.Scheduler)] IPersistentState<TransferState> state,
    IFaultInjection faults,
    ILogger<CapacityTransferGrain> logger) : Grain, ICapacityTransferGrain
{
    public const string BetweenOffices = "transfer:between-offices";
    public const string BeforeCommit = "transfer:before-commit";

    private bool running;

    async Task<TransferResult> ICapacityTransferGrain.Execute(TransferRequest request)
    {
        if (state.State.Result is { } done)
        {
            return done with { Replayed = true };
        }

        var id = this.GetPrimaryKeyString();
        running = true;
        try
        {
            state.State.Request = request;
            state.State.Status = TransferStatus.Pending;
            await state.WriteStateAsync();

            var source = GrainFactory.GetGrain<IOfficeGrain>(request.FromOfficeId);
            var destination = GrainFactory.GetGrain<IOfficeGrain>(request.ToOfficeId);
            var cut = await source.Adjust(new CounterAdjustment(id, request.Procedure, request.From, request.To, -request.Counters, Confirmed: false));
            if (!cut.Applied)
            {
                return await FinishAsync(new TransferResult(id, TransferStatus.Aborted, cut.Error, cut.Displaced));
            }

            try
            {
                await faults.At(BetweenOffices, id);
                var addition = await destination.Adjust(new CounterAdjustment(id, request.Procedure, request.From, request.To, request.Counters, Confirmed: false));
                if (!addition.Applied)
                {
                    throw new InvalidOperationException(addition.Error);
                }

                await faults.At(BeforeCommit, id);
                state.State.Status = TransferStatus.Committed;
                await state.WriteStateAsync();
            }
            catch (Exception failure)
            {
                logger.LogWarning(failure, "Transfer {Id} failed before its commit point; undoing it at both offices", id);
                state.State.Status = TransferStatus.Aborted;
                await source.SettleAdjustment(id, confirm: false);
                await destination.SettleAdjustment(id, confirm: false);
                return await FinishAsync(new TransferResult(id, TransferStatus.Aborted, failure.Message, []));
            }

            await source.SettleAdjustment(id, confirm: true);
            await destination.SettleAdjustment(id, confirm: true);
            return await FinishAsync(new TransferResult(id, TransferStatus.Committed, null, []));
        }
        finally
        {
            running = false;
        }
    }

    async Task<TransferStatus> ICapacityTransferGrain.Resolve()
    {
        if (running || state.State.Status != TransferStatus.Pending || state.State.Request is null)
        {
            return running ? TransferStatus.Pending : state.State.Request is null ? TransferStatus.Aborted : state.State.Status;
        }

        // Pending, and nobody is running it: the coordinator died before the commit point.
        state.State.Status = TransferStatus.Aborted;
        state.State.Result = new TransferResult(this.GetPrimaryKeyString(), TransferStatus.Aborted, "The coordinator stopped before the transfer committed.", [])
        {
            Request = state.State.Request,
        };
        await state.WriteStateAsync();
        return TransferStatus.Aborted;
    }

    private async Task<TransferResult> FinishAsync(TransferResult outcome)
    {
        var result = outcome with { Request = state.State.Request };
        state.State.Status = result.Status;
        state.State.Result = result;
        await state.WriteStateAsync();
        return result;
    }
}
