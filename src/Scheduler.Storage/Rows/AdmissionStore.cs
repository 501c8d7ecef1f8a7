using System.Data.Common;
using System.Globalization;

namespace Scheduler.Storage;

/// <summary>
/// The waiting room's table (<c>scheduler_admission</c>): one row per ticket, inserted when it joins and updated when
/// it is admitted and when its admission is spent, so nothing costs more as the room fills. The row's number is the
/// ticket's arrival number. Writes from every partition of the silo share transactions through a
/// <see cref="CommitPipeline{TRow, TOutcome}"/>, as seat and waitlist rows do: a rush of thousands of joins a second is
/// a few commits a second, not one per ticket.
/// </summary>
public sealed class AdmissionStore
{
    private readonly SchedulerDatabase database;
    private readonly StorageMetrics metrics;
    private readonly CommitPipeline<AdmissionWrite, long> pipeline;

    public AdmissionStore(SchedulerDatabase database, StorageMetrics metrics)
    {
        this.database = database;
        this.metrics = metrics;
        pipeline = new CommitPipeline<AdmissionWrite, long>(WriteAsync, 2000, metrics.AdmissionBatch);
    }

    /// <summary>Stores a new ticket; answers its arrival number, negated when the ticket was stored before.</summary>
    public Task<long> JoinAsync(string partition, string ticket, long? earlyKey, DateTimeOffset arrivedAt) =>
        pipeline.AppendAsync(new AdmissionWrite(AdmissionWriteKind.Join, ticket, partition, earlyKey, arrivedAt.ToUnixTimeMilliseconds()));

    public Task<long> AdmitAsync(string ticket, DateTimeOffset at) =>
        pipeline.AppendAsync(new AdmissionWrite(AdmissionWriteKind.Admit, ticket, At: at.ToUnixTimeMilliseconds()));

    public Task<long> SpendAsync(string ticket, string? key) =>
        pipeline.AppendAsync(new AdmissionWrite(AdmissionWriteKind.Spend, ticket, SpentKey: key));

    public Task<long> ReturnAsync(string ticket) =>
        pipeline.AppendAsync(new AdmissionWrite(AdmissionWriteKind.Return, ticket));

    /// <summary>The tickets of <paramref name="partition"/> that arrived since <paramref name="since"/>, in arrival order.</summary>
    public async Task<IReadOnlyList<StoredTicket>> ReadAsync(string partition, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT ticket, seq, early_key, arrived_at, admitted_at, spent, spent_key FROM scheduler_admission
            WHERE service_id = @service AND partition_key = @partition AND arrived_at >= @since
            ORDER BY seq
            """, null, ("service", database.ServiceId), ("partition", partition), ("since", since.ToUnixTimeMilliseconds()));
        var tickets = new List<StoredTicket>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tickets.Add(new StoredTicket(
                reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.GetInt32(5) != 0, reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return tickets;
    }

    /// <summary>
    /// Deletes at most <paramref name="batch"/> of the oldest tickets that arrived before <paramref name="before"/>;
    /// answers how many went. Found through the arrival index, so a batch costs what it deletes, not what is held.
    /// </summary>
    public async Task<int> DeleteArrivedBeforeAsync(DateTimeOffset before, int batch, CancellationToken cancellationToken = default)
    {
        using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            DELETE FROM scheduler_admission WHERE seq IN (
                SELECT seq FROM scheduler_admission WHERE service_id = @service AND arrived_at < @before ORDER BY arrived_at LIMIT @batch)
            """, null, ("service", database.ServiceId), ("before", before.ToUnixTimeMilliseconds()), ("batch", batch));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<long>> WriteAsync(IReadOnlyList<AdmissionWrite> writes)
    {
        var asked = System.Diagnostics.Stopwatch.GetTimestamp();
        using var turn = await database.WriteTurnAsync();
        var given = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var outcomes = new long[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            outcomes[i] = writes[i].Kind switch
            {
                AdmissionWriteKind.Join => await JoinAsync(connection, transaction, writes[i]),
                AdmissionWriteKind.Admit => await UpdateAsync(connection, transaction,
                    "UPDATE scheduler_admission SET admitted_at = @at WHERE service_id = @service AND ticket = @ticket AND admitted_at IS NULL",
                    writes[i].Ticket, ("at", writes[i].At)),
                AdmissionWriteKind.Spend => await UpdateAsync(connection, transaction,
                    "UPDATE scheduler_admission SET spent = 1, spent_key = @key WHERE service_id = @service AND ticket = @ticket",
                    writes[i].Ticket, ("key", writes[i].SpentKey)),
                _ => await UpdateAsync(connection, transaction,
                    "UPDATE scheduler_admission SET spent = 0, spent_key = NULL WHERE service_id = @service AND ticket = @ticket",
                    writes[i].Ticket),
            };
        }

        await transaction.CommitAsync();
        metrics.AdmissionTransaction(System.Diagnostics.Stopwatch.GetElapsedTime(asked, given).TotalMilliseconds, System.Diagnostics.Stopwatch.GetElapsedTime(given).TotalMilliseconds);
        return outcomes;
    }

    private async Task<long> JoinAsync(DbConnection connection, DbTransaction transaction, AdmissionWrite write)
    {
        // A ticket is stored once: a second join with it (a replayed challenge answer) finds the first row.
        await using (var insert = connection.Command("""
            INSERT INTO scheduler_admission (service_id, ticket, partition_key, early_key, arrived_at)
            VALUES (@service, @ticket, @partition, @early, @at)
            ON CONFLICT (service_id, ticket) DO NOTHING
            RETURNING seq
            """, transaction, ("service", database.ServiceId), ("ticket", write.Ticket), ("partition", write.Partition), ("early", write.EarlyKey), ("at", write.At)))
        {
            if (await insert.ExecuteScalarAsync() is { } inserted and not DBNull)
            {
                return Convert.ToInt64(inserted, CultureInfo.InvariantCulture);
            }
        }

        await using var existing = connection.Command(
            "SELECT seq FROM scheduler_admission WHERE service_id = @service AND ticket = @ticket",
            transaction, ("service", database.ServiceId), ("ticket", write.Ticket));
        return -Convert.ToInt64(await existing.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private async Task<long> UpdateAsync(DbConnection connection, DbTransaction transaction, string sql, string ticket, params (string Name, object? Value)[] values)
    {
        await using var update = connection.Command(sql, transaction, [("service", database.ServiceId), ("ticket", ticket), .. values]);
        return await update.ExecuteNonQueryAsync();
    }
}
