using System.Data.Common;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Storage;
using Scheduler.Domain;
using Scheduler.Contracts;
using Scheduler.Grains.Notifications;
using Scheduler.Grains.State;
using Scheduler.Storage;

namespace Scheduler.Grains.Persistence;

/// <summary>
/// Builds the claims table, once per database, from what an earlier release stored. That release kept claims
/// inside the applicant grain's state, keyed in a way that cannot always give the document number back (the ADO.NET
/// provider stores a key that reads as hexadecimal as a number, leading zeros lost). So claims are rebuilt from the
/// day inventories' states, the truth about seats: each active appointment becomes an active claim (an appointment
/// active on two days was moving: its claim points at the newer seat), each cancelled one a closed claim; the
/// applicants' states contribute only the idempotency key each booking was made with. Appointments themselves need
/// no carrying: a day's stored state is a valid snapshot (journal sequence 0). Idempotent, and safe when several
/// silos start at once.
/// </summary>
public static class LegacyClaimsMigration
{
    public const string Name = "2026-11-claims-from-day-states";

    public static async Task<int> RunAsync(SchedulerDatabase database, Serializer serializer, string documentHashKey, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await MigrationMarks.AppliedAsync(connection, Name, cancellationToken))
        {
            return 0;
        }

        using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var storageSerializer = new OrleansGrainStorageSerializer(serializer);
        var days = await ReadStatesAsync<DayInventoryState>(connection, transaction, database.ServiceId, "dayInventory", storageSerializer, cancellationToken);
        var applicants = await ReadStatesAsync<ApplicantState>(connection, transaction, database.ServiceId, ApplicantGrainStateName, storageSerializer, cancellationToken);
        var keys = applicants
            .SelectMany(a => a.State.Requests)
            .Where(r => r.Value.Outcome is null)
            .GroupBy(r => r.Value.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var active = database.IsSqlite ? (object)1 : true;
        var ended = database.IsSqlite ? (object)0 : false;
        var carried = 0;
        foreach (var records in days.SelectMany(d => d.State.Unpack(serializer)).GroupBy(a => a.Code, StringComparer.Ordinal))
        {
            var seats = records.Where(a => a.IsActive).OrderByDescending(a => a.History.Count > 0 ? a.History[^1].At : DateTimeOffset.MinValue).ToArray();
            var record = seats.FirstOrDefault() ?? records.FirstOrDefault(a => a.Status == AppointmentStatus.Cancelled);
            if (record is null)
            {
                continue;
            }

            var identity = record.Applicant.Identity;
            keys.TryGetValue(record.Code, out var request);
            carried += await InsertAsync(connection, transaction, database, cancellationToken,
                record.Code, DocumentHash.OfNumber(identity.DocumentNumber, documentHashKey), identity.DocumentType, identity.Country, record.Procedure,
                record.Day.ToString(), seats.Length > 1 ? seats[1].Day.ToString() : null, request.Key, request.Value?.Fingerprint,
                record.IsActive ? active : ended, now);
        }

        await MigrationMarks.RecordAsync(connection, transaction, Name, DateTimeOffset.FromUnixTimeMilliseconds(now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Upgrade {Migration}: {Claims} claims from {Days} day states", Name, carried, days.Count);
        return carried;
    }

    internal const string ApplicantGrainStateName = "applicant";

    /// <summary>Every stored state of one state name (the whole set: upgrades run once, at start).</summary>
    internal static async Task<List<StoredState<T>>> ReadStatesAsync<T>(
        DbConnection connection, DbTransaction transaction, string serviceId, string stateName, OrleansGrainStorageSerializer storageSerializer, CancellationToken cancellationToken)
        where T : new()
    {
        var states = new List<StoredState<T>>();
        await using var read = connection.Command("""
            SELECT GrainIdExtensionString, GrainIdN0, GrainIdN1, PayloadBinary FROM OrleansStorage
            WHERE ServiceId = @service AND GrainTypeString = @state AND PayloadBinary IS NOT NULL
            """, transaction, ("service", serviceId), ("state", stateName));
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (extension, n0, n1) = (reader.IsDBNull(0) ? string.Empty : reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2));
            var key = $"{extension}#{n0}:{n1}";
            try
            {
                states.Add(new StoredState<T>(n0, n1, extension, storageSerializer.Deserialize<T>(new BinaryData((byte[])reader.GetValue(3))) ?? new T()));
            }
            catch (Exception failure)
            {
                throw new InvalidOperationException($"The stored '{stateName}' state of grain {key} cannot be read; the upgrade stops rather than drop what it holds.", failure);
            }
        }

        return states;
    }

    private static async Task<int> InsertAsync(
        DbConnection connection, DbTransaction transaction, SchedulerDatabase database, CancellationToken cancellationToken,
        string code, string documentKey, string documentType, string country, string procedure, string day, string? movingFrom,
        string? idempotencyKey, string? fingerprint, object active, long now)
    {
        await using var insert = connection.Command("""
            INSERT INTO scheduler_claims
                (service_id, code, document_key, document_type, country, procedure, day_key, moving_from, idempotency_key, fingerprint, active, created_at, updated_at)
            VALUES (@service, @code, @document, @type, @country, @procedure, @day, @from, @key, @fingerprint, @active, @now, @now)
            ON CONFLICT DO NOTHING
            """, transaction,
            ("service", database.ServiceId), ("code", code), ("document", documentKey), ("type", documentType), ("country", country),
            ("procedure", procedure), ("day", day), ("from", movingFrom), ("key", idempotencyKey), ("fingerprint", fingerprint), ("active", active), ("now", now));
        return await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
