using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Scheduler.Contracts;
using Scheduler.Domain;
using Scheduler.Storage;

namespace Scheduler.Grains.Persistence;

/// <summary>
/// Records the owner (the keyed hash of the document number) of every entry that was waiting before owners were
/// recorded beside the waitlist rows (<c>scheduler_waitlist_documents</c>), once per database: without it, a person
/// who waited since then and books by hand would stay on the waitlist until it next offered them a seat. A waiting
/// row holds the entry with its document number. Idempotent, and safe when several silos start at once (an owner
/// already recorded is left alone).
/// </summary>
public static class WaitlistOwnersMigration
{
    public const string Name = "2026-12-waitlist-owners";

    public static async Task<int> RunAsync(SchedulerDatabase database, Serializer serializer, string documentHashKey, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await MigrationMarks.AppliedAsync(connection, Name, cancellationToken))
        {
            return 0;
        }

        using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var waiting = new List<(long Sequence, byte[] Payload)>();
        await using (var read = connection.Command(
            "SELECT seq, payload FROM scheduler_waitlist WHERE service_id = @service AND status = 0 ORDER BY seq",
            transaction, ("service", database.ServiceId)))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                waiting.Add((reader.GetInt64(0), (byte[])reader.GetValue(1)));
            }
        }

        var recorded = 0;
        foreach (var (sequence, payload) in waiting)
        {
            var entry = serializer.Deserialize<WaitlistEntry>(payload)
                ?? throw new InvalidDataException($"Waitlist row {sequence} holds no entry; the upgrade cannot record its owner.");
            recorded += await WaitlistStore.RecordOwnerAsync(connection, transaction, database.ServiceId, entry.Id,
                DocumentHash.OfNumber(entry.Applicant.Identity.DocumentNumber, documentHashKey), entry.Procedure, cancellationToken);
        }

        await MigrationMarks.RecordAsync(connection, transaction, Name, clock.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (recorded > 0)
        {
            logger.LogInformation("Recorded the owners of {Count} waiting entries", recorded);
        }

        return recorded;
    }
}
