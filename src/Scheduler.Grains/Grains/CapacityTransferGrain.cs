using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scheduler.Contracts;
using Scheduler.Grains.State;
using Scheduler.Storage;

namespace Scheduler.Grains.Grains;

/// <summary>
/// Moves counters between two offices as one operation, keyed by its operation id. Its record is a row of the
/// operations table, which is also its audit entry. Steps: register the settling reminder; store the intent
/// (pending); the source takes its cut (effective at once, so nobody books the seats leaving); the destination
/// records its addition (not yet effective); store "committed" (the commit point, and the audit entry completed in
/// the same write); both offices confirm. An office that refuses ends the transfer (aborted, answered to every
/// retry). A failure before the commit point removes both adjustments and leaves the transfer to be run again
/// with the same id. A coordinator lost part-way is settled by the reminder (undone before the commit point,
/// confirmed after it) and by an office that asks <see cref="ICapacityTransferGrain.Resolve"/>.
/// </summary>
[GrainType("capacity-transfer")]
public sealed class CapacityTransferGrain(
    [PersistentState("capacityTransfer", StorageNames.Scheduler)] IPersistentState<TransferState> legacy,
    OperationLog operations,
    IFaultInjection faults,
    IOptions<OperatorOptions> options,
    TimeProvider clock,
    ILogger<CapacityTransferGrain> logger) : Grain, ICapacityTransferGrain, IRemindable
{
    public const string BetweenOffices = "transfer:between-offices";
    public const string BeforeCommit = "transfer:before-commit";

    /// <summary>The kind of row this grain writes in the operations table.</summary>
    public const string Kind = "transfer";

    /// <summary>The reminder that settles a transfer whose coordinator was lost, registered until both offices are settled.</summary>
    public const string SettleReminder = "settle";

    private OperationRow<TransferState>? row;
    private bool running;

    async Task<TransferResult> ICapacityTransferGrain.Execute(TransferRequest request)
    {
        var id = this.GetPrimaryKeyString();
        row ??= await LoadAsync(CancellationToken.None);
        if (row is { } existing && (existing.Payload?.Request is not { } first || !first.SameMove(request)))
        {
            return new TransferResult(id, existing.Payload?.Status ?? TransferStatus.Aborted, "This id belongs to a different request.", [])
            {
                Request = existing.Payload?.Request,
                IdReused = true,
            };
        }

        if (row?.Payload?.Result is { } done)
        {
            return done with { Replayed = true };
        }

        running = true;
        try
        {
            // Registered before anything changes: whatever happens to this activation from now on, the transfer is settled.
            var every = options.Value.CheckEvery;
            await this.RegisterOrUpdateReminder(SettleReminder, every, every);
            await BeginAsync(id, request);

            var source = GrainFactory.GetGrain<IOfficeGrain>(request.FromOfficeId);
            var destination = GrainFactory.GetGrain<IOfficeGrain>(request.ToOfficeId);
            var cut = await source.Adjust(new CounterAdjustment(id, request.Procedure, request.From, request.To, -request.Counters, Confirmed: false));
            if (!cut.Applied)
            {
                return await RefuseAsync(new TransferResult(id, TransferStatus.Aborted, cut.Error, cut.Displaced), source, destination);
            }

            try
            {
                await faults.At(BetweenOffices, id);
                var addition = await destination.Adjust(new CounterAdjustment(id, request.Procedure, request.From, request.To, request.Counters, Confirmed: false));
                if (!addition.Applied)
                {
                    return await RefuseAsync(new TransferResult(id, TransferStatus.Aborted, addition.Error, []), source, destination);
                }

                await faults.At(BeforeCommit, id);
            }
            catch (Exception failure)
            {
                logger.LogWarning(failure, "Transfer {Id} failed before its commit point; undoing it at both offices (the same id may be run again)", id);
                await UndoAsync(source, destination);
                throw;
            }

            // The commit point: the operation's row says committed, and its audit entry is complete, in one write.
            var committed = new TransferResult(id, TransferStatus.Committed, null, []) { Request = row!.Payload!.Request };
            row.Payload.Status = TransferStatus.Committed;
            row.Payload.Result = committed;
            row = await operations.SaveAsync(row with { Status = OperationStatus.Completed });

            await source.SettleAdjustment(id, confirm: true);
            await destination.SettleAdjustment(id, confirm: true);
            await SettledAsync();
            return committed;
        }
        catch
        {
            // What memory holds may differ from what is stored: the next call reads it again.
            row = null;
            throw;
        }
        finally
        {
            running = false;
        }
    }

    async Task<TransferStatus> ICapacityTransferGrain.Resolve()
    {
        if (running)
        {
            return TransferStatus.Pending;
        }

        row ??= await LoadAsync(CancellationToken.None);
        if (row?.Payload is not { } transfer)
        {
            return TransferStatus.Aborted;
        }

        if (transfer.Status == TransferStatus.Pending)
        {
            // Pending, and nobody is running it: the coordinator stopped before the commit point.
            await AbandonAsync();
        }

        return row.Payload!.Status;
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != SettleReminder || running)
        {
            return;
        }

        row ??= await LoadAsync(CancellationToken.None);
        if (row?.Payload is not { } transfer || transfer.Settled || transfer.Request is not { } request)
        {
            await StopRemindingAsync();
            return;
        }

        if (transfer.Status == TransferStatus.Pending)
        {
            logger.LogWarning("Transfer {Id} was left pending by a lost coordinator; undoing it at both offices", this.GetPrimaryKeyString());
            await AbandonAsync();
        }

        var confirm = row.Payload!.Status == TransferStatus.Committed;
        await GrainFactory.GetGrain<IOfficeGrain>(request.FromOfficeId).SettleAdjustment(this.GetPrimaryKeyString(), confirm);
        await GrainFactory.GetGrain<IOfficeGrain>(request.ToOfficeId).SettleAdjustment(this.GetPrimaryKeyString(), confirm);
        await SettledAsync();
    }

    /// <summary>Stores the intent (pending): a new row, or the row of an earlier attempt that was undone.</summary>
    private async Task BeginAsync(string id, TransferRequest request)
    {
        if (row is null)
        {
            var fresh = Row(id, request, OperationStatus.InProgress, new TransferState { Request = request, Status = TransferStatus.Pending });
            row = await operations.TryStartAsync(fresh)
                ? fresh
                : throw new Orleans.Storage.InconsistentStateException($"Transfer {id} was started elsewhere at the same moment.");
            return;
        }

        row.Payload!.Status = TransferStatus.Pending;
        row.Payload.Settled = false;
        row = await operations.SaveAsync(row with { Status = OperationStatus.InProgress });
    }

    /// <summary>An office refused: the transfer ends aborted (answered to every retry), with both adjustments removed.</summary>
    private async Task<TransferResult> RefuseAsync(TransferResult refusal, IOfficeGrain source, IOfficeGrain destination)
    {
        var result = refusal with { Request = row!.Payload!.Request };
        row.Payload.Status = TransferStatus.Aborted;
        row.Payload.Result = result;
        row = await operations.SaveAsync(row with { Status = OperationStatus.Refused });
        await source.SettleAdjustment(this.GetPrimaryKeyString(), confirm: false);
        await destination.SettleAdjustment(this.GetPrimaryKeyString(), confirm: false);
        await SettledAsync();
        return result;
    }

    /// <summary>A failure before the commit point: both adjustments removed, the transfer may be run again with its id.</summary>
    private async Task UndoAsync(IOfficeGrain source, IOfficeGrain destination)
    {
        await AbandonAsync();
        await source.SettleAdjustment(this.GetPrimaryKeyString(), confirm: false);
        await destination.SettleAdjustment(this.GetPrimaryKeyString(), confirm: false);
        await SettledAsync();
    }

    /// <summary>Records that the attempt under way will not commit. No result is stored: running the same id again starts over.</summary>
    private async Task AbandonAsync()
    {
        row!.Payload!.Status = TransferStatus.Aborted;
        row = await operations.SaveAsync(row with { Status = OperationStatus.Refused });
    }

    private async Task SettledAsync()
    {
        row!.Payload!.Settled = true;
        row = await operations.SaveAsync(row);
        await StopRemindingAsync();
    }

    private async Task StopRemindingAsync()
    {
        if (await this.GetReminder(SettleReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>The stored row; a transfer an earlier release stored as grain state is copied into a row first.</summary>
    private async Task<OperationRow<TransferState>?> LoadAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKeyString();
        if (await operations.ReadAsync<TransferState>(id, Kind, cancellationToken) is { } stored)
        {
            return stored;
        }

        if (legacy.State.Request is not { } request)
        {
            return null;
        }

        var status = legacy.State.Status switch
        {
            TransferStatus.Committed => OperationStatus.Completed,
            TransferStatus.Aborted => OperationStatus.Refused,
            _ => OperationStatus.InProgress,
        };
        await operations.TryStartAsync(Row(id, request, status, legacy.State), cancellationToken);
        return await operations.ReadAsync<TransferState>(id, Kind, cancellationToken);
    }

    /// <summary>A new row for this transfer: its audit fields (action, target, detail) and its record.</summary>
    private OperationRow<TransferState> Row(string id, TransferRequest request, string status, TransferState transfer)
    {
        var range = $"{request.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}..{request.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}";
        return new OperationRow<TransferState>(
            id, Kind, "counters-transferred", $"{request.FromOfficeId}->{request.ToOfficeId}", request.By, request.Reason,
            $"{request.Procedure} {range}: {request.Counters} counters (transfer {id})", status, clock.GetUtcNow(), 1, transfer);
    }
}
