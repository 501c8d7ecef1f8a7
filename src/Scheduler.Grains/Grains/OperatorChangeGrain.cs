using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scheduler.Contracts;
using Scheduler.Grains.Hosting;
using Scheduler.Grains.Capacity;
using Scheduler.Grains.State;
using Scheduler.Storage;

namespace Scheduler.Grains.Grains;

/// <summary>
/// One capacity change or closure, keyed by its operation id. Steps: store the operation's row (in progress; it is
/// the audit entry, so no change can exist without one); the office stores its rules tagged with the id (the
/// commit point) and every affected day adopts its plan; displaced appointments are relocated a wave at a time,
/// each wave saved to the row; the result is saved and the row completed. A failure at any step leaves the row in
/// progress, and running the same id again repeats the steps: the office does not store the rules twice but has
/// every day adopt its plan again, and whoever is still displaced is moved. A finished id answers its first result.
/// A reminder, registered before the office is asked and removed once the row is finished, repeats the steps if
/// nobody retries, so a change never stays half-applied.
/// </summary>
[GrainType("operator-change")]
public sealed class OperatorChangeGrain(
    OperationLog operations,
    ApplicantKeys applicants,
    IFaultInjection faults,
    IOptions<OperatorOptions> options,
    TimeProvider clock,
    ILogger<OperatorChangeGrain> logger) : Grain, IOperatorChangeGrain, IRemindable
{
    /// <summary>The reminder that finishes an operation left part-way, registered until it is finished.</summary>
    public const string FinishReminder = "finish";

    /// <summary>The kind of row this grain writes in the operations table.</summary>
    public const string Kind = "capacity";

    /// <summary>A point after a wave of relocations has been saved, where tests make the change fail.</summary>
    public const string BetweenRelocations = "capacity:between-relocations";

    private OperationRow<OperatorChangeRecord>? row;

    async Task<OperatorChangeOutcome> IOperatorChangeGrain.Run(OperatorChangeRequest request)
    {
        var id = this.GetPrimaryKeyString();
        try
        {
            row ??= await StartOrReadAsync(id, request);
            if (row.Payload is not { } record || !record.Request.SameChange(request))
            {
                return new OperatorChangeOutcome(id, null, Replayed: false, IdReused: true);
            }

            if (record.Result is { } done)
            {
                return new OperatorChangeOutcome(id, done, Replayed: true, IdReused: false);
            }

            var every = options.Value.CheckEvery;
            await this.RegisterOrUpdateReminder(FinishReminder, every, every);
            return new OperatorChangeOutcome(id, await CarryOutAsync(id, record), Replayed: false, IdReused: false);
        }
        catch (Exception failure)
        {
            // The row in memory may be ahead of (or behind) the stored one: the retry starts from what is stored.
            row = null;
            logger.LogWarning(failure, "Operator change {Operation} failed part-way; running the same operation id again finishes it", id);
            throw;
        }
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != FinishReminder)
        {
            return;
        }

        var id = this.GetPrimaryKeyString();
        try
        {
            row ??= await operations.ReadAsync<OperatorChangeRecord>(id, Kind);
            if (row?.Payload is { Result: null } record)
            {
                logger.LogWarning("Operator change {Operation} was left part-way and nobody retried it; finishing it", id);
                await CarryOutAsync(id, record);
            }
        }
        catch (Exception failure)
        {
            row = null;
            logger.LogWarning(failure, "Operator change {Operation} could not be finished yet; its reminder tries again", id);
            return;
        }

        if (await this.GetReminder(FinishReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task<OperationRow<OperatorChangeRecord>> StartOrReadAsync(string id, OperatorChangeRequest request)
    {
        var fresh = new OperationRow<OperatorChangeRecord>(
            id, Kind, request.Action, request.OfficeId, request.Change.By, request.Reason, request.Description, OperationStatus.InProgress,
            clock.GetUtcNow(), 1, new OperatorChangeRecord { Request = request });
        if (await operations.TryStartAsync(fresh))
        {
            return fresh;
        }

        return await operations.ReadAsync<OperatorChangeRecord>(id, Kind)
            ?? throw new InvalidOperationException($"Operation {id} was neither stored nor found.");
    }

    private async Task<CapacityChangeResult> CarryOutAsync(string id, OperatorChangeRecord record)
    {
        var change = record.Request.Change with { OperationId = id };
        var applied = await GrainFactory.GetGrain<IOfficeGrain>(record.Request.OfficeId).ApplyCapacityChange(change);
        if (!applied.Applied)
        {
            return await FinishAsync(record, applied, OperationStatus.Refused);
        }

        IReadOnlyList<Appointment> unplaced = applied.Displaced;
        if (change.Relocate && applied.Displaced.Count > 0)
        {
            var relocator = new Relocator(GrainFactory, applicants, await GrainFactory.GetGrain<ICatalogGrain>(0).GetOffices(), clock);
            (_, unplaced) = await relocator.MoveAllAsync(applied.Displaced, change, async (moved, _) =>
            {
                if (moved.Count > 0)
                {
                    record.Relocated.AddRange(moved);
                    row = await operations.SaveAsync(row!);
                }

                await faults.At(BetweenRelocations, id);
            });
        }

        return await FinishAsync(record, new CapacityChangeResult(true, applied.ChangedDays, [], [.. record.Relocated], unplaced), OperationStatus.Completed);
    }

    private async Task<CapacityChangeResult> FinishAsync(OperatorChangeRecord record, CapacityChangeResult result, string status)
    {
        record.Result = result;
        var detail = result.Applied
            ? $"{record.Request.Description}; {result.Relocated.Count} relocated, {result.Unplaced.Count} not relocated"
            : $"{record.Request.Description}; refused: {result.Displaced.Count} appointments would lose their seat";
        row = await operations.SaveAsync(row! with { Status = status, Detail = detail });
        if (await this.GetReminder(FinishReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        return result;
    }
}
