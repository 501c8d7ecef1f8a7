using System.Data.Common;
using Orleans.Serialization;
using Orleans.Storage;
using Scheduler.Contracts;

namespace Scheduler.Storage;

/// <summary>
/// The table of operator operations (<c>scheduler_operations</c>). Each operation is one row, written before
/// its change and updated as it progresses, so the record that drives a change is also its audit entry; the
/// audit trail is a range read over these rows. Writing a row costs the same however many the month holds.
/// </summary>
public sealed class OperationLog(SchedulerDatabase database, Serializer serializer, TimeProvider clock)
{
    private const string Columns = "operation_id, kind, action, target, actor, reason, detail, status, created_at, version, payload";

    /// <summary>Stores a new operation at version 1; false when the id is already taken (read it then).</summary>
    public async Task<bool> TryStartAsync<T>(OperationRow<T> row, CancellationToken cancellationToken = default)
        where T : class
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var insert = connection.Command("""
            INSERT INTO scheduler_operations (service_id, operation_id, kind, action, target, actor, reason, detail, status, created_at, updated_at, version, payload)
            VALUES (@service, @id, @kind, @action, @target, @actor, @reason, @detail, @status, @at, @now, 1, @payload)
            ON CONFLICT (service_id, operation_id) DO NOTHING
            """, null,
            ("service", database.ServiceId), ("id", row.OperationId), ("kind", row.Kind), ("action", row.Action), ("target", row.Target),
            ("actor", row.Actor), ("reason", row.Reason), ("detail", row.Detail), ("status", row.Status),
            ("at", row.At.ToUnixTimeMilliseconds()), ("now", now), ("payload", Serialize(row.Payload)));
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Saves the row's status, detail and payload over version <see cref="OperationRow{T}.Version"/> and answers the
    /// row at its new version. Another writer got there first: <see cref="InconsistentStateException"/>.
    /// </summary>
    public async Task<OperationRow<T>> SaveAsync<T>(OperationRow<T> row, CancellationToken cancellationToken = default)
        where T : class
    {
        using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var update = connection.Command("""
            UPDATE scheduler_operations SET detail = @detail, status = @status, payload = @payload, updated_at = @now, version = version + 1
            WHERE service_id = @service AND operation_id = @id AND version = @version
            """, null,
            ("service", database.ServiceId), ("id", row.OperationId), ("detail", row.Detail), ("status", row.Status),
            ("payload", Serialize(row.Payload)), ("now", clock.GetUtcNow().ToUnixTimeMilliseconds()), ("version", row.Version));
        if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InconsistentStateException($"Operation {row.OperationId} was changed by another writer (expected version {row.Version}).");
        }

        return row with { Version = row.Version + 1 };
    }

    /// <summary>The operation stored under <paramref name="operationId"/>, or null. A row of another kind answers with a null payload.</summary>
    public async Task<OperationRow<T>?> ReadAsync<T>(string operationId, string kind, CancellationToken cancellationToken = default)
        where T : class
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = connection.Command($"SELECT {Columns} FROM scheduler_operations WHERE service_id = @service AND operation_id = @id", null,
            ("service", database.ServiceId), ("id", operationId));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var storedKind = reader.GetString(1);
        var payload = storedKind == kind && !reader.IsDBNull(10) ? serializer.Deserialize<T>((byte[])reader.GetValue(10)) : null;
        return new OperationRow<T>(
            reader.GetString(0), storedKind, reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.GetString(6), reader.GetString(7), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)), reader.GetInt32(9), payload);
    }

    /// <summary>The audit trail: operations recorded in [from, to] that changed something (or are changing it now), oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = connection.Command("""
            SELECT created_at, actor, action, target, detail, reason, operation_id, status FROM scheduler_operations
            WHERE service_id = @service AND created_at >= @from AND created_at <= @to AND status <> @refused
            ORDER BY created_at, operation_id
            """, null,
            ("service", database.ServiceId), ("from", from.ToUnixTimeMilliseconds()), ("to", to.ToUnixTimeMilliseconds()), ("refused", OperationStatus.Refused));
        var entries = new List<AuditEntry>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5))
            {
                OperationId = reader.GetString(6),
                Status = reader.GetString(7),
            });
        }

        return entries;
    }

    /// <summary>Copies entries an earlier release kept in a month's grain state (idempotent: each keeps a fixed id).</summary>
    public async Task ImportAsync(string month, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            await using var insert = connection.Command("""
                INSERT INTO scheduler_operations (service_id, operation_id, kind, action, target, actor, reason, detail, status, created_at, updated_at, version, payload)
                VALUES (@service, @id, 'legacy', @action, @target, @actor, @reason, @detail, @status, @at, @at, 1, NULL)
                ON CONFLICT (service_id, operation_id) DO NOTHING
                """, transaction,
                ("service", database.ServiceId), ("id", $"legacy-{month}-{i}"), ("action", entry.Action), ("target", entry.Target), ("actor", entry.Actor),
                ("reason", entry.Reason), ("detail", entry.Detail), ("status", OperationStatus.Completed), ("at", entry.At.ToUnixTimeMilliseconds()));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private byte[]? Serialize<T>(T? payload)
        where T : class => payload is null ? null : serializer.SerializeToArray(payload);
}
