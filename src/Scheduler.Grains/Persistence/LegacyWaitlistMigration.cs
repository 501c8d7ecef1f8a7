using System.Data.Common;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Storage;
using Scheduler.Contracts;
using Scheduler.Domain;
using Scheduler.Grains.State;
using Scheduler.Storage;

namespace Scheduler.Grains.Persistence;

/// <summary>
/// Moves the waitlist an earlier release stored (one grain state per procedure, state name <c>waitlist</c>, every
/// entry in it) into the waitlist table, once per database. A waiting entry becomes a waiting row in the partition
/// of the office nearest its home, and the rows are inserted in the old arrival order (each procedure's entries by
/// their old sequence), so the table's arrival numbers keep that order and every entry joined later comes after.
/// A finished entry (booked, left, expired) becomes a finished row, because its owner may still read its outcome,
/// without personal data. The old states are deleted in the same transaction: they held every finished entry's
/// name, document number and contact. Waitlist membership (which entries a document holds) is in the applicants'
/// states, which the current release reads as they are. Idempotent, and safe when several silos start at once (a
/// row already there is left alone).
/// </summary>
public static class LegacyWaitlistMigration
{
    public const string Name = "2026-12-waitlist-rows-from-procedure-states";

    private const string LegacyStateName = "waitlist";
    private const string CatalogStateName = "catalog";

    public static async Task<int> RunAsync(SchedulerDatabase database, Serializer serializer, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await MigrationMarks.AppliedAsync(connection, Name, cancellationToken))
        {
            return 0;
        }

        using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var storageSerializer = new OrleansGrainStorageSerializer(serializer);
        var states = await LegacyClaimsMigration.ReadStatesAsync<LegacyWaitlistState>(connection, transaction, database.ServiceId, LegacyStateName, storageSerializer, cancellationToken);
        var offices = states.Count == 0
            ? []
            : (await LegacyClaimsMigration.ReadStatesAsync<CatalogState>(connection, transaction, database.ServiceId, CatalogStateName, storageSerializer, cancellationToken))
                .SelectMany(c => c.State.Offices).ToArray();

        var now = clock.GetUtcNow();
        var (waiting, finished, unserved) = (0, 0, 0);
        foreach (var entry in states
            .SelectMany(s => s.State.Entries)
            .OrderBy(e => e.Procedure, StringComparer.Ordinal)
            .ThenBy(e => e.Sequence))
        {
            var home = WaitlistReach.HomeOffice(entry, offices);
            var carried = entry;
            if (home is null && entry.Status == WaitlistStatus.Waiting)
            {
                // No office offers the procedure any more: the old release could never have seated it either.
                carried = entry with { Status = WaitlistStatus.Expired, Note = "no office offers this procedure any more" };
                unserved++;
            }

            var partition = WaitlistPartition.Key(entry.Procedure, home?.Id ?? string.Empty);
            var payload = carried.Status == WaitlistStatus.Waiting
                ? carried with { Sequence = 0 }
                : WaitlistStore.WithoutPersonalData(carried) with { Sequence = 0 };
            var inserted = await InsertAsync(connection, transaction, database, cancellationToken,
                carried.Id, partition, (int)carried.Status, serializer.SerializeToArray(payload), carried.JoinedAt.ToUnixTimeMilliseconds(),
                carried.Status == WaitlistStatus.Waiting ? null : now.ToUnixTimeMilliseconds());
            if (inserted > 0 && carried.Status == WaitlistStatus.Waiting)
            {
                waiting++;
            }
            else if (inserted > 0)
            {
                finished++;
            }
        }

        await using (var delete = connection.Command(
            "DELETE FROM OrleansStorage WHERE ServiceId = @service AND GrainTypeString = @state",
            transaction, ("service", database.ServiceId), ("state", LegacyStateName)))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await MigrationMarks.RecordAsync(connection, transaction, Name, now, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation(
            "Upgrade {Migration}: {Waiting} waiting and {Finished} finished waitlist entries from {States} procedure states ({Unserved} waiting for a procedure no office offers, expired)",
            Name, waiting, finished, states.Count, unserved);
        return waiting + finished;
    }

    private static async Task<int> InsertAsync(
        DbConnection connection, DbTransaction transaction, SchedulerDatabase database, CancellationToken cancellationToken,
        string id, string partition, int status, byte[] payload, long joinedAt, long? finishedAt)
    {
        await using var insert = connection.Command("""
            INSERT INTO scheduler_waitlist (service_id, entry_id, partition_key, status, payload, joined_at, finished_at)
            VALUES (@service, @id, @partition, @status, @payload, @joined, @finished)
            ON CONFLICT (service_id, entry_id) DO NOTHING
            """, transaction,
            ("service", database.ServiceId), ("id", id), ("partition", partition), ("status", status), ("payload", payload),
            ("joined", joinedAt), ("finished", finishedAt));
        return await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
