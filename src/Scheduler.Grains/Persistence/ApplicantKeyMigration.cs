using System.Data.Common;
using System.Text;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Storage;
using Scheduler.Contracts;
using Scheduler.Domain;
using Scheduler.Grains.State;
using Scheduler.Storage;

namespace Scheduler.Grains.Persistence;

/// <summary>
/// Moves each applicant's stored state (its waitlist membership) from the document number it was keyed by to the
/// number's keyed hash, the applicant grain's key now (<see cref="Hosting.ApplicantKeys"/>), so no storage key
/// holds a number. The provider stored a number that reads as hexadecimal as that number (leading zeros lost),
/// so the number is taken from what the state points at: the waitlist entries it holds (each names its applicant)
/// or an earlier release's claims inside it, and kept only if it gives back the row's key. The state is rewritten
/// without the claims, idempotency keys and closed codes an earlier release kept there (the claims table holds
/// them since <see cref="LegacyClaimsMigration"/>, which runs first). A state that holds no waitlist membership
/// has nothing left to carry and is deleted. Runs once per database, in one transaction.
/// </summary>
public static class ApplicantKeyMigration
{
    public const string Name = "2026-11-applicant-keys-hashed";

    private const string WaitlistStateName = "waitlist";

    public static async Task<(int Moved, int Dropped)> RunAsync(SchedulerDatabase database, Serializer serializer, string documentHashKey, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await MigrationMarks.AppliedAsync(connection, Name, cancellationToken))
        {
            return (0, 0);
        }

        using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var storageSerializer = new OrleansGrainStorageSerializer(serializer);
        var applicants = await LegacyClaimsMigration.ReadStatesAsync<ApplicantState>(
            connection, transaction, database.ServiceId, LegacyClaimsMigration.ApplicantGrainStateName, storageSerializer, cancellationToken);
        var holders = (await LegacyClaimsMigration.ReadStatesAsync<LegacyWaitlistState>(connection, transaction, database.ServiceId, WaitlistStateName, storageSerializer, cancellationToken))
            .SelectMany(w => w.State.Entries)
            .Concat(await WaitingRowsAsync(connection, transaction, database.ServiceId, serializer, cancellationToken))
            .GroupBy(e => e.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Applicant.Identity.DocumentNumber, StringComparer.Ordinal);

        var (moved, dropped) = (0, 0);
        foreach (var applicant in applicants)
        {
            if (applicant.Extension.Length == 64 && applicant.Extension.All(char.IsAsciiHexDigitLower))
            {
                // Keyed by a hash already: written by this release (a silo that started while another one upgraded).
                continue;
            }

            var state = applicant.State;
            var hashed = state.Waiting.Count > 0 || state.WaitlistEntries.Count > 0
                ? NumberOf(applicant, holders) is { } number ? DocumentHash.OfNumber(number, documentHashKey) : null
                : null;

            await ExecuteAsync(connection, transaction, """
                DELETE FROM OrleansStorage
                WHERE ServiceId = @service AND GrainTypeString = @state AND GrainIdN0 = @n0 AND GrainIdN1 = @n1 AND GrainIdExtensionString = @extension
                """, cancellationToken, ("service", database.ServiceId), ("state", LegacyClaimsMigration.ApplicantGrainStateName),
                ("n0", applicant.N0), ("n1", applicant.N1), ("extension", applicant.Extension));
            if (hashed is null)
            {
                dropped++;
                continue;
            }

            var kept = new ApplicantState { Waiting = state.Waiting, WaitlistEntries = state.WaitlistEntries };
            await ExecuteAsync(connection, transaction, """
                INSERT INTO OrleansStorage
                    (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
                VALUES (@hash, 0, 0, @typeHash, @state, @extension, @service, @payload, @now, 1)
                ON CONFLICT DO NOTHING
                """, cancellationToken,
                // GrainIdHash and GrainTypeHash are informational in this schema (no query reads them): Orleans' default
                // hasher over the key and the state name.
                ("hash", Hash(hashed)), ("typeHash", Hash(LegacyClaimsMigration.ApplicantGrainStateName)),
                ("state", LegacyClaimsMigration.ApplicantGrainStateName), ("extension", hashed), ("service", database.ServiceId),
                ("payload", storageSerializer.Serialize(kept).ToArray()), ("now", database.IsSqlite ? DateTimeOffset.UtcNow.ToString("O") : DateTime.UtcNow));
            moved++;
        }

        await MigrationMarks.RecordAsync(connection, transaction, Name, DateTimeOffset.UtcNow, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Upgrade {Migration}: {Moved} applicant states keyed by hash, {Dropped} with nothing left to carry (or no number to key them by) removed",
            Name, moved, dropped);
        return (moved, dropped);
    }

    /// <summary>The document number this row was stored under, from the waitlist entries or claims it holds.</summary>
    private static string? NumberOf(StoredState<ApplicantState> applicant, IReadOnlyDictionary<string, string> holders) =>
        applicant.State.WaitlistEntries.Keys
            .Select(id => holders.GetValueOrDefault(id))
            .Concat(applicant.State.Claims.Values.Select(c => c.Identity.DocumentNumber))
            .FirstOrDefault(number => number is not null && applicant.IsKeyedBy(number));

    /// <summary>
    /// Waiting entries already stored as rows (<c>scheduler_waitlist</c>): a database whose waitlist was carried into rows
    /// before its applicant states were re-keyed. (A waiting row names its applicant; a finished one no longer does.)
    /// </summary>
    private static async Task<List<WaitlistEntry>> WaitingRowsAsync(
        DbConnection connection, DbTransaction transaction, string serviceId, Serializer serializer, CancellationToken cancellationToken)
    {
        var entries = new List<WaitlistEntry>();
        await using var read = connection.Command(
            "SELECT payload FROM scheduler_waitlist WHERE service_id = @service AND status = @waiting", transaction,
            ("service", serviceId), ("waiting", (int)WaitlistStatus.Waiting));
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (serializer.Deserialize<WaitlistEntry>((byte[])reader.GetValue(0)) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    private static int Hash(string text) => new OrleansDefaultHasher().Hash(Encoding.UTF8.GetBytes(text));

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = connection.Command(sql, transaction, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
