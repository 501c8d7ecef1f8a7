using System.Data.Common;
using Orleans.Serialization;
using Scheduler.Contracts;

namespace Scheduler.Storage;

/// <summary>
/// The waitlist table (<c>scheduler_waitlist</c>): one row per entry, appended when it joins and updated once when
/// it finishes, so neither costs more with a longer waitlist. The row's number (an identity column, shared by every
/// partition and silo) is the entry's place in arrival order. A finished row keeps what the owner may still read
/// (status, appointment, note) but no name, document number or contact. Writes from every grain of the silo share
/// transactions through a <see cref="CommitPipeline{TRow, TOutcome}"/>, as seat rows do.
/// </summary>
public sealed class WaitlistStore
{
    private readonly SchedulerDatabase database;
    private readonly Serializer serializer;
    private readonly TimeProvider clock;
    private readonly CommitPipeline<WaitlistWrite, long> pipeline;

    public WaitlistStore(SchedulerDatabase database, Serializer serializer, TimeProvider clock, StorageMetrics metrics)
    {
        this.database = database;
        this.serializer = serializer;
        this.clock = clock;
        pipeline = new CommitPipeline<WaitlistWrite, long>(WriteAsync, 1000, metrics.WaitlistBatch);
    }

    /// <summary>
    /// Stores a new entry in <paramref name="partition"/>; answers its arrival number, negated when the id was
    /// already stored (a retried join keeps its first row and place).
    /// </summary>
    /// <param name="partition">Where the entry waits.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="documentKey">
    /// The keyed hash of its document number, recorded beside the entry while it waits: what a booking made by hand is
    /// matched with to take its person off the waitlist. Null records no owner (such an entry learns of a booking by
    /// hand only when it is offered a seat).
    /// </param>
    public Task<long> AddAsync(string partition, WaitlistEntry entry, string? documentKey = null) =>
        pipeline.AppendAsync(new WaitlistWrite(
            entry.Id, partition, (int)WaitlistStatus.Waiting, serializer.SerializeToArray(entry with { Sequence = 0 }), documentKey, entry.Procedure));

    /// <summary>
    /// The waiting entries (id and procedure) of the given documents, one query for the lot: how bookings made by hand
    /// find who must leave a waitlist.
    /// </summary>
    public async Task<IReadOnlyList<(string DocumentKey, string Procedure, string EntryId)>> WaitingOfAsync(
        IReadOnlyCollection<string> documentKeys, CancellationToken cancellationToken = default)
    {
        var found = new List<(string, string, string)>();
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var chunk in documentKeys.Distinct(StringComparer.Ordinal).Chunk(200))
        {
            var names = chunk.Select((_, i) => "@d" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var parameters = chunk.Select((key, i) => (names[i][1..], (object?)key)).Prepend(("service", database.ServiceId)).ToArray();
            await using var command = connection.Command(
                $"SELECT document_key, procedure, entry_id FROM scheduler_waitlist_documents WHERE service_id = @service AND document_key IN ({string.Join(", ", names)})",
                null, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        return found;
    }

    /// <summary>
    /// Records whose waiting entry <paramref name="entryId"/> is, in <paramref name="transaction"/> (the entry's own, or
    /// the upgrade's that fills in owners of older entries); an owner already recorded stays. Answers the rows inserted.
    /// </summary>
    public static async Task<int> RecordOwnerAsync(
        DbConnection connection, DbTransaction transaction, string serviceId, string entryId, string documentKey, string procedure, CancellationToken cancellationToken = default)
    {
        await using var insert = connection.Command("""
            INSERT INTO scheduler_waitlist_documents (service_id, entry_id, document_key, procedure)
            VALUES (@service, @id, @document, @procedure)
            ON CONFLICT (service_id, entry_id) DO NOTHING
            """, transaction, ("service", serviceId), ("id", entryId), ("document", documentKey), ("procedure", procedure));
        return await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records how a waiting entry finished; its row drops the applicant's personal data.</summary>
    public Task FinishAsync(WaitlistEntry finished) =>
        pipeline.AppendAsync(new WaitlistWrite(finished.Id, null, (int)finished.Status, serializer.SerializeToArray(WithoutPersonalData(finished) with { Sequence = 0 })));

    /// <summary>The waiting entries of <paramref name="partition"/>, in arrival order.</summary>
    public async Task<IReadOnlyList<WaitlistEntry>> ReadWaitingAsync(string partition, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT seq, payload FROM scheduler_waitlist
            WHERE service_id = @service AND partition_key = @partition AND status = 0
            ORDER BY seq
            """, null, ("service", database.ServiceId), ("partition", partition));
        var entries = new List<WaitlistEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(Read(reader.GetInt64(0), (byte[])reader.GetValue(1)));
        }

        return entries;
    }

    /// <summary>The entry <paramref name="id"/> as stored (waiting or finished), with its partition; null when there is none.</summary>
    public async Task<StoredWaitlistEntry?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT seq, payload, partition_key FROM scheduler_waitlist
            WHERE service_id = @service AND entry_id = @id
            """, null, ("service", database.ServiceId), ("id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredWaitlistEntry(reader.GetString(2), Read(reader.GetInt64(0), (byte[])reader.GetValue(1)))
            : null;
    }

    /// <summary>
    /// Every waiting waitlist entry of <paramref name="procedure"/> (all its partitions, not its allocation requests), in
    /// arrival order: what an operator's change of allocation mode carries over. Read only then.
    /// </summary>
    public async Task<IReadOnlyList<WaitlistEntry>> WaitingInProcedureAsync(string procedure, CancellationToken cancellationToken = default)
    {
        // Partition keys are "procedure/office". The prefix is compared exactly (substr), not as a range: a range of
        // strings depends on the database's collation, which may order '/' anywhere.
        var prefix = procedure + "/";
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT seq, payload FROM scheduler_waitlist
            WHERE service_id = @service AND status = 0 AND substr(partition_key, 1, @length) = @prefix AND partition_key <> @requests
            ORDER BY seq
            """, null,
            ("service", database.ServiceId), ("length", prefix.Length), ("prefix", prefix), ("requests", RequestPartition.Key(procedure)));
        var entries = new List<WaitlistEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(Read(reader.GetInt64(0), (byte[])reader.GetValue(1)));
        }

        return entries;
    }

    /// <summary>The partitions that hold waiting entries (a silo that keeps its reminders in memory wakes them at start).</summary>
    public async Task<IReadOnlyList<string>> WaitingPartitionsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT DISTINCT partition_key FROM scheduler_waitlist WHERE service_id = @service AND status = 0",
            null, ("service", database.ServiceId));
        var partitions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            partitions.Add(reader.GetString(0));
        }

        return partitions;
    }

    /// <summary>What a finished entry keeps: the owner still reads its outcome, but its row no longer says who they are.</summary>
    public static WaitlistEntry WithoutPersonalData(WaitlistEntry entry) => entry with
    {
        Applicant = new ApplicantDetails(new ApplicantIdentity(entry.Applicant.Identity.DocumentType, string.Empty, entry.Applicant.Identity.Country), string.Empty, null, null),
    };

    private WaitlistEntry Read(long sequence, byte[] payload) =>
        (serializer.Deserialize<WaitlistEntry>(payload) ?? throw new InvalidDataException($"Waitlist row {sequence} holds no entry.")) with { Sequence = sequence };

    private async Task<IReadOnlyList<long>> WriteAsync(IReadOnlyList<WaitlistWrite> writes)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        using var turn = await database.WriteTurnAsync();
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var outcomes = new long[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            outcomes[i] = write.Partition is { } partition
                ? await InsertAsync(connection, transaction, write, partition, now)
                : await FinishAsync(connection, transaction, write, now);
        }

        await transaction.CommitAsync();
        return outcomes;
    }

    private async Task<long> InsertAsync(DbConnection connection, DbTransaction transaction, WaitlistWrite write, string partition, long now)
    {
        // A second join with the same id (a retried call) keeps the first row and its place.
        await using (var insert = connection.Command("""
            INSERT INTO scheduler_waitlist (service_id, entry_id, partition_key, status, payload, joined_at)
            VALUES (@service, @id, @partition, @status, @payload, @now)
            ON CONFLICT (service_id, entry_id) DO NOTHING
            RETURNING seq
            """, transaction, ("service", database.ServiceId), ("id", write.EntryId), ("partition", partition), ("status", write.Status), ("payload", write.Payload), ("now", now)))
        {
            if (await insert.ExecuteScalarAsync() is { } inserted and not DBNull)
            {
                if (write is { DocumentKey: { } document, Procedure: { } procedure })
                {
                    await RecordOwnerAsync(connection, transaction, database.ServiceId, write.EntryId, document, procedure);
                }

                return Convert.ToInt64(inserted, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        await using var existing = connection.Command(
            "SELECT seq FROM scheduler_waitlist WHERE service_id = @service AND entry_id = @id",
            transaction, ("service", database.ServiceId), ("id", write.EntryId));
        return -Convert.ToInt64(await existing.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<long> FinishAsync(DbConnection connection, DbTransaction transaction, WaitlistWrite write, long now)
    {
        await using (var owner = connection.Command(
            "DELETE FROM scheduler_waitlist_documents WHERE service_id = @service AND entry_id = @id",
            transaction, ("service", database.ServiceId), ("id", write.EntryId)))
        {
            await owner.ExecuteNonQueryAsync();
        }

        await using var update = connection.Command("""
            UPDATE scheduler_waitlist SET status = @status, payload = @payload, finished_at = @now
            WHERE service_id = @service AND entry_id = @id AND status = 0
            """, transaction, ("service", database.ServiceId), ("id", write.EntryId), ("status", write.Status), ("payload", write.Payload), ("now", now));
        return await update.ExecuteNonQueryAsync();
    }
}
