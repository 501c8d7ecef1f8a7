using System.Data.Common;
using Scheduler.Storage;

namespace Scheduler.Grains.Notifications;

/// <summary>
/// The outbox table: messages are written in the transaction of what causes them and delivered later by
/// <see cref="OutboxSender"/>, so a message is never sent for something that was not stored, and never
/// lost because a mail server was down at the moment.
/// </summary>
public sealed class NotificationOutbox(SchedulerDatabase database, TimeProvider clock)
{
    /// <summary>
    /// Stores <paramref name="messages"/> unless <paramref name="throttleKey"/> already caused
    /// <paramref name="perHour"/> or more messages in the last hour. Answers whether they were stored. Always
    /// costs one round trip, whether or not there is anything to send, so that the time an answer takes does
    /// not tell a caller whether anything exists.
    /// </summary>
    public async Task<bool> EnqueueThrottledAsync(string throttleKey, IReadOnlyList<OutboxMessage> messages, int perHour, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var count = connection.Command("""
            SELECT COUNT(*) FROM scheduler_outbox
            WHERE service_id = @service AND throttle_key = @throttle AND created_at > @since
            """, transaction))
        {
            count.AddParameter("service", database.ServiceId);
            count.AddParameter("throttle", throttleKey);
            count.AddParameter("since", now - (long)TimeSpan.FromHours(1).TotalMilliseconds);
            var recent = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            if (recent + messages.Count > perHour)
            {
                return false;
            }
        }

        await InsertAsync(connection, transaction, throttleKey, messages, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Adds <paramref name="messages"/> to a transaction that is writing the change causing them.</summary>
    public async Task InsertAsync(DbConnection connection, DbTransaction transaction, string throttleKey, IReadOnlyList<OutboxMessage> messages, long now, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            await using var insert = connection.Command("""
                INSERT INTO scheduler_outbox (service_id, channel, recipient, subject, body, throttle_key, created_at, next_attempt_at)
                VALUES (@service, @channel, @recipient, @subject, @body, @throttle, @now, @now)
                """, transaction);
            insert.AddParameter("service", database.ServiceId);
            insert.AddParameter("channel", message.Channel);
            insert.AddParameter("recipient", message.Recipient);
            insert.AddParameter("subject", message.Subject);
            insert.AddParameter("body", message.Body);
            insert.AddParameter("throttle", throttleKey);
            insert.AddParameter("now", now);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> due messages for delivery: each is leased for <paramref name="lease"/>
    /// (a sender that dies mid-delivery leaves it to be retried then) and its attempt is counted. On PostgreSQL
    /// senders on several silos skip each other's rows.
    /// </summary>
    public async Task<IReadOnlyList<DueMessage>> ClaimDueAsync(int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var lockRows = database.IsSqlite ? string.Empty : "FOR UPDATE SKIP LOCKED";
        await using var claim = connection.Command($"""
            UPDATE scheduler_outbox
            SET attempts = attempts + 1, next_attempt_at = @leaseEnd
            WHERE id IN (
                SELECT id FROM scheduler_outbox
                WHERE service_id = @service AND sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= @now
                ORDER BY next_attempt_at, id
                LIMIT @max
                {lockRows})
            RETURNING id, channel, recipient, subject, body, attempts
            """);
        claim.AddParameter("service", database.ServiceId);
        claim.AddParameter("now", now);
        claim.AddParameter("leaseEnd", now + (long)lease.TotalMilliseconds);
        claim.AddParameter("max", max);
        var due = new List<DueMessage>();
        await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new DueMessage(
                reader.GetInt64(0),
                new OutboxMessage(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)),
                reader.GetInt32(5)));
        }

        return due;
    }

    /// <summary>Delivered: the body (which may hold a code) is erased, the row stays as a record.</summary>
    public Task MarkSentAsync(long id, CancellationToken cancellationToken) =>
        UpdateAsync(id, "sent_at = @now, body = '', last_error = NULL", null, null, cancellationToken);

    /// <summary>Not delivered: tried again at <paramref name="retryAt"/>, or given up (body erased) when that is null.</summary>
    public Task MarkFailedAsync(long id, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken) =>
        retryAt is { } at
            ? UpdateAsync(id, "next_attempt_at = @at, last_error = @error", error, at.ToUnixTimeMilliseconds(), cancellationToken)
            : UpdateAsync(id, "failed_at = @now, body = '', last_error = @error", error, null, cancellationToken);

    private async Task UpdateAsync(long id, string set, string? error, long? at, CancellationToken cancellationToken)
    {
        using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var update = connection.Command($"UPDATE scheduler_outbox SET {set} WHERE id = @id");
        update.AddParameter("id", id);
        update.AddParameter("now", clock.GetUtcNow().ToUnixTimeMilliseconds());
        update.AddParameter("error", error is null ? null : error[..Math.Min(error.Length, 500)]);
        update.AddParameter("at", at);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A message leased for delivery, with the attempt this is.</summary>
    public sealed record DueMessage(long Id, OutboxMessage Message, int Attempt);
}
