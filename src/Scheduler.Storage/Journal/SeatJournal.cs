using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Serialization;
using Scheduler.Contracts;

namespace Scheduler.Storage;

/// <summary>
/// The seat journal (<c>scheduler_seat_journal</c>): day inventories append one row per seat change, never
/// rewriting a day's state, and every silo batches the rows of all its grains into shared transactions through
/// a <see cref="CommitPipeline{TRow, TOutcome}"/> (one multi-row insert on PostgreSQL, one transaction per batch on
/// SQLite). A row's key is its day and the day's sequence number: a second activation of a day that tries to
/// write at a place another already took is refused (on its own, not its batch) and learns its memory is stale.
/// Claims (<c>scheduler_claims</c>: which code and day an applicant holds for a procedure) change in the same
/// transaction as their seat, and a unique index on active claims refuses a second booking that memory could
/// not see (a fresh applicant activation reads nothing).
/// </summary>
public sealed class SeatJournal : IDisposable
{
    /// <summary>Spans of the journal: <c>journal append</c> in the caller's trace (until its row commits), <c>journal commit</c> per transaction, linked to every row's trace.</summary>
    public static readonly ActivitySource Activities = new("Scheduler.Journal");

    /// <summary>The fault point just before a batch's transaction commits (operation id: each row's day).</summary>
    public const string BeforeCommit = "journal:before-commit";

    private readonly SchedulerDatabase database;
    private readonly IFaultInjection faults;
    private readonly Serializer serializer;
    private readonly TimeProvider clock;
    private readonly CommitPipeline<SeatJournalRow, JournalOutcome> pipeline;
    private readonly SqliteJournalWriter sqliteWriter;

    public SeatJournal(
        SchedulerDatabase database, Serializer serializer, TimeProvider clock, StorageMetrics metrics, IOptions<JournalOptions> options, IFaultInjection faults)
    {
        this.database = database;
        this.faults = faults;
        this.serializer = serializer;
        this.clock = clock;
        sqliteWriter = new SqliteJournalWriter(database, clock);
        pipeline = new CommitPipeline<SeatJournalRow, JournalOutcome>(
            WriteAsync,
            maxBatch: options.Value.GroupCommit ? 2000 : 1,
            metrics.JournalBatch,
            maxInFlight: database.IsSqlite ? 1 : Math.Max(1, options.Value.TransactionsInFlight),
            overlapAtRows: Math.Max(1, options.Value.OverlapAtRows),
            conflictKeys: LockedKeys);
    }

    /// <summary>
    /// What a row's transaction locks that another silo-local transaction could also want: its claim's row (by code) and
    /// the claim's unique key (one active claim per document and procedure). Seat rows' places are the day's own and a
    /// day has one activation per silo, so they are not shared between batches in flight.
    /// </summary>
    private static IEnumerable<string> LockedKeys(SeatJournalRow row) => row.Claim is not { } claim
        ? []
        : ["code|" + claim.Code, string.Join('|', "document", claim.DocumentKey, claim.DocumentType, claim.Country, claim.Procedure)];

    /// <summary>
    /// Appends <paramref name="appointment"/>'s new record as row <paramref name="sequence"/> of its day, with
    /// <paramref name="claim"/>; completes once committed. False: the claim was refused (the applicant holds
    /// another active claim for the procedure) and only a void row was written. Throws
    /// <see cref="RowRejectedException"/> when another activation already wrote at this place.
    /// </summary>
    public async Task<bool> AppendAsync(DayKey day, long sequence, Appointment appointment, ClaimChange? claim = null)
    {
        var dayKey = day.ToString();
        using var activity = Activities.StartActivity("journal append");
        activity?.SetTag("scheduler.day", dayKey);
        activity?.SetTag("scheduler.journal.sequence", sequence);
        var row = new SeatJournalRow(dayKey, sequence, appointment.Code, serializer.SerializeToArray(appointment), claim, activity?.Context ?? default);
        var outcome = await pipeline.AppendAsync(row);
        activity?.SetTag("scheduler.journal.outcome", outcome.ToString());
        return outcome switch
        {
            JournalOutcome.Stored => true,
            JournalOutcome.ClaimRefused => false,
            _ => throw new RowRejectedException(),
        };
    }

    /// <summary>
    /// The rows of <paramref name="day"/> after <paramref name="afterSequence"/>, in order, skipping void rows (but
    /// reporting the last sequence number seen). A row that cannot be read stops the caller with an error naming
    /// it: a day is never rebuilt with a row skipped.
    /// </summary>
    public async Task<(IReadOnlyList<Appointment> Records, long LastSequence)> ReadAsync(DayKey day, long afterSequence, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT seq, code, payload FROM scheduler_seat_journal
            WHERE service_id = @service AND day_key = @day AND seq > @after
            ORDER BY seq
            """);
        command.AddParameter("service", database.ServiceId);
        command.AddParameter("day", day.ToString());
        command.AddParameter("after", afterSequence);
        var records = new List<Appointment>();
        var last = afterSequence;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            last = reader.GetInt64(0);
            var code = reader.GetString(1);
            var payload = (byte[])reader.GetValue(2);
            if (payload.Length == 0)
            {
                continue;
            }

            Appointment? appointment;
            try
            {
                appointment = serializer.Deserialize<Appointment>(payload);
            }
            catch (Exception failure)
            {
                throw new JournalRowUnreadableException(day, last, code, failure);
            }

            if (appointment is null || appointment.Code != code || appointment.Day != day)
            {
                throw new JournalRowUnreadableException(day, last, code, null);
            }

            records.Add(appointment);
        }

        return (records, last);
    }

    /// <summary>Every claim (active or ended) of the document whose keyed hash is <paramref name="documentKey"/>.</summary>
    public async Task<IReadOnlyList<StoredClaim>> ReadClaimsAsync(string documentKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT code, document_type, country, procedure, day_key, moving_from, idempotency_key, fingerprint, active
            FROM scheduler_claims
            WHERE service_id = @service AND document_key = @document
            """);
        command.AddParameter("service", database.ServiceId);
        command.AddParameter("document", documentKey);
        var claims = new List<StoredClaim>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claims.Add(new StoredClaim(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), DayKey.Parse(reader.GetString(4)),
                reader.IsDBNull(5) ? null : DayKey.Parse(reader.GetString(5)),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                Convert.ToBoolean(reader.GetValue(8), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return claims;
    }

    /// <summary>Ends claim <paramref name="code"/> on its own: a repair for a claim whose seat an earlier release lost.</summary>
    public Task EndClaimAsync(string code, CancellationToken cancellationToken = default) =>
        UpdateClaimAsync("active = @active", code, ("active", database.IsSqlite ? 0 : false), cancellationToken);

    /// <summary>Points claim <paramref name="code"/> back at <paramref name="day"/>: a repair for a move an earlier release left half-way.</summary>
    public Task RepointClaimAsync(string code, DayKey day, CancellationToken cancellationToken = default) =>
        UpdateClaimAsync("day_key = @value, moving_from = NULL", code, ("value", day.ToString()), cancellationToken);

    private async Task UpdateClaimAsync(string set, string code, (string Name, object Value) value, CancellationToken cancellationToken)
    {
        using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"UPDATE scheduler_claims SET {set}, updated_at = @now WHERE service_id = @service AND code = @code");
        command.AddParameter("service", database.ServiceId);
        command.AddParameter("code", code);
        command.AddParameter("now", clock.GetUtcNow().ToUnixTimeMilliseconds());
        command.AddParameter(value.Name, value.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Removes the rows of <paramref name="day"/> up to <paramref name="throughSequence"/> (folded into a stored snapshot).</summary>
    public async Task TrimAsync(DayKey day, long throughSequence, CancellationToken cancellationToken = default)
    {
        using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM scheduler_seat_journal WHERE service_id = @service AND day_key = @day AND seq <= @through");
        command.AddParameter("service", database.ServiceId);
        command.AddParameter("day", day.ToString());
        command.AddParameter("through", throughSequence);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<JournalOutcome>> WriteAsync(IReadOnlyList<SeatJournalRow> rows, CommitTurn commitTurn)
    {
        using var activity = Activities.StartActivity(
            "journal commit", ActivityKind.Internal, parentContext: default,
            links: rows.Where(r => r.Trace != default).Select(r => new ActivityLink(r.Trace)));
        activity?.SetTag("scheduler.journal.rows", rows.Count);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        using var turn = await database.WriteTurnAsync();
        if (database.IsSqlite)
        {
            // One transaction in flight on SQLite (its single writer): the turn has always come.
            await commitTurn.WaitAsync();
            return await sqliteWriter.WriteAsync(rows, now, BeforeCommitAsync);
        }

        await using var connection = await database.OpenForRepeatedStatementsAsync();
        return await WritePostgresAsync((NpgsqlConnection)connection, rows, now, commitTurn);
    }

    /// <summary>
    /// A batch that only opens claims (new bookings: the surge) in one statement (<see cref="WritePostgresAtOnceAsync"/>):
    /// autocommitted, so sent and committed in one round trip, when the batch before it has finished; otherwise in a
    /// transaction that commits once it has (the statement's work overlaps the earlier batch's commit). A batch that
    /// also moves or ends claims, or whose seat row finds its place taken, goes through the step-by-step transaction.
    /// </summary>
    private async Task<IReadOnlyList<JournalOutcome>> WritePostgresAsync(NpgsqlConnection connection, IReadOnlyList<SeatJournalRow> rows, long now, CommitTurn turn)
    {
        if (rows.All(r => r.Claim is null or { Kind: ClaimChangeKind.Open }))
        {
            try
            {
                if (turn.HasCome)
                {
                    await BeforeCommitAsync(rows);
                    return await WritePostgresAtOnceAsync(connection, null, rows, now);
                }

                await using var transaction = await connection.BeginTransactionAsync();
                var outcomes = await WritePostgresAtOnceAsync(connection, transaction, rows, now);
                await turn.WaitAsync();
                await BeforeCommitAsync(rows);
                await transaction.CommitAsync();
                return outcomes;
            }
            catch (PostgresException taken) when (taken.SqlState == PostgresErrorCodes.UniqueViolation && taken.TableName == "scheduler_seat_journal")
            {
                // A second activation of a day wrote one of these places: nothing of the batch was stored.
            }
        }

        return await WritePostgresStepByStepAsync(connection, rows, now, turn);
    }

    /// <summary>
    /// One statement (autocommitted when <paramref name="transaction"/> is null: a single round trip, commit included;
    /// on two busy cores every round trip waits for a thread): new claims (<c>ON CONFLICT DO NOTHING</c>:
    /// a refused one leaves a void seat row), then every seat row (a place already taken fails the whole statement, and
    /// the caller decides again step by step). Claim updates stay out of it: a statement's parts see one snapshot, and
    /// an update joined to an array parameter was planned as a scan of every claim of the service.
    /// </summary>
    private async Task<IReadOnlyList<JournalOutcome>> WritePostgresAtOnceAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<SeatJournalRow> rows, long now)
    {
        await using var command = new NpgsqlCommand(OpenClaimsThenSeats, connection, transaction);
        AddOpenedClaims(command, OpenedClaims(rows), now);
        AddTextArray(command, "row_days", rows.Select(r => r.Day));
        command.Parameters.Add(new NpgsqlParameter("row_seqs", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rows.Select(r => r.Sequence).ToArray() });
        AddTextArray(command, "row_codes", rows.Select(r => r.Code));
        command.Parameters.Add(new NpgsqlParameter("row_payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = rows.Select(r => r.Payload).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("row_opens", NpgsqlDbType.Array | NpgsqlDbType.Boolean)
        {
            Value = rows.Select(r => r.Claim is { Kind: ClaimChangeKind.Open }).ToArray(),
        });

        var opened = await ReadCodesAsync(command);
        return rows.Select(r => r.Claim is { Kind: ClaimChangeKind.Open } open && !opened.Contains(open.Code) ? JournalOutcome.ClaimRefused : JournalOutcome.Stored).ToArray();
    }

    /// <summary>
    /// One transaction, a few statements for the whole batch: new claims (refused ones leave a void seat row),
    /// seat rows, then claim updates. Should a seat row's place be taken (a second activation of its day), the
    /// transaction is rolled back and the batch written again without that row.
    /// </summary>
    private async Task<IReadOnlyList<JournalOutcome>> WritePostgresStepByStepAsync(
        NpgsqlConnection connection, IReadOnlyList<SeatJournalRow> rows, long now, CommitTurn turn)
    {
        var outcomes = new JournalOutcome[rows.Count];
        var remaining = Enumerable.Range(0, rows.Count).ToList();
        while (remaining.Count > 0)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var refused = await OpenClaimsPostgresAsync(connection, transaction, remaining.Select(i => rows[i]).ToArray(), now);
            var taken = await InsertSeatsPostgresAsync(connection, transaction, remaining.Select(i => rows[i]).ToArray(), refused, now);
            if (taken.Count > 0)
            {
                await transaction.RollbackAsync();
                foreach (var index in remaining.Where(i => taken.Contains((rows[i].Day, rows[i].Sequence))).ToArray())
                {
                    outcomes[index] = JournalOutcome.PlaceTaken;
                    remaining.Remove(index);
                }

                continue;
            }

            await UpdateClaimsPostgresAsync(connection, transaction, remaining.Select(i => rows[i]).ToArray(), now);
            await turn.WaitAsync();
            await BeforeCommitAsync(remaining.Select(i => rows[i]));
            await transaction.CommitAsync();
            foreach (var index in remaining)
            {
                outcomes[index] = refused.Contains(rows[index].Code) ? JournalOutcome.ClaimRefused : JournalOutcome.Stored;
            }

            break;
        }

        return outcomes;
    }

    private async Task<HashSet<string>> OpenClaimsPostgresAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<SeatJournalRow> rows, long now)
    {
        var opens = OpenedClaims(rows);
        if (opens.Length == 0)
        {
            return [];
        }

        await using var command = new NpgsqlCommand(InsertOpenedClaims, connection, transaction);
        AddOpenedClaims(command, opens, now);
        var accepted = await ReadCodesAsync(command);
        return opens.Select(c => c.Code).Where(code => !accepted.Contains(code)).ToHashSet(StringComparer.Ordinal);
    }

    private async Task<HashSet<(string, long)>> InsertSeatsPostgresAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<SeatJournalRow> rows, HashSet<string> refused, long now)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO scheduler_seat_journal (service_id, day_key, seq, code, payload, recorded_at)
            SELECT @service, r.day_key, r.seq, r.code, r.payload, @now
            FROM unnest(@days, @seqs, @codes, @payloads) AS r(day_key, seq, code, payload)
            ON CONFLICT DO NOTHING
            RETURNING day_key, seq
            """, connection, transaction);
        command.Parameters.AddWithValue("service", database.ServiceId);
        command.Parameters.AddWithValue("now", now);
        AddTextArray(command, "days", rows.Select(r => r.Day));
        command.Parameters.Add(new NpgsqlParameter("seqs", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rows.Select(r => r.Sequence).ToArray() });
        AddTextArray(command, "codes", rows.Select(r => r.Code));
        command.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea)
        {
            Value = rows.Select(r => refused.Contains(r.Code) && r.Claim is { Kind: ClaimChangeKind.Open } ? [] : r.Payload).ToArray(),
        });
        var stored = new HashSet<(string, long)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        return rows.Select(r => (r.Day, r.Sequence)).Where(place => !stored.Contains(place)).ToHashSet();
    }

    private async Task UpdateClaimsPostgresAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<SeatJournalRow> rows, long now)
    {
        var updates = rows.Where(r => r.Claim is { Kind: not ClaimChangeKind.Open }).Select(r => r.Claim!).ToArray();
        if (updates.Length == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand("""
            UPDATE scheduler_claims AS c
            SET day_key = u.day_key, moving_from = u.moving_from, active = u.active, updated_at = @now
            FROM unnest(@codes, @days, @froms, @actives) AS u(code, day_key, moving_from, active)
            WHERE c.service_id = @service AND c.code = u.code
            """, connection, transaction);
        command.Parameters.AddWithValue("service", database.ServiceId);
        command.Parameters.AddWithValue("now", now);
        AddTextArray(command, "codes", updates.Select(c => c.Code));
        AddTextArray(command, "days", updates.Select(c => c.Day.ToString()));
        AddTextArray(command, "froms", updates.Select(c => c.MovingFrom?.ToString()));
        command.Parameters.Add(new NpgsqlParameter("actives", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { Value = updates.Select(c => c.Kind != ClaimChangeKind.Close).ToArray() });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Closes the SQLite writer's connection (the container calls it when the silo's services go).</summary>
    public void Dispose() => sqliteWriter.Dispose();

    private async Task BeforeCommitAsync(IEnumerable<SeatJournalRow> rows)
    {
        foreach (var day in rows.Select(r => r.Day).Distinct(StringComparer.Ordinal))
        {
            await faults.At(BeforeCommit, day);
        }
    }

    /// <summary>
    /// New claims from the arrays <see cref="AddOpenedClaims"/> binds, answering the codes stored: a claim the unique
    /// index on active claims refuses is skipped (both PostgreSQL writes use it, the one-statement write as its first part).
    /// </summary>
    private const string InsertOpenedClaims = """
        INSERT INTO scheduler_claims
            (service_id, code, document_key, document_type, country, procedure, day_key, idempotency_key, fingerprint, active, created_at, updated_at)
        SELECT @service, c.code, c.document_key, c.document_type, c.country, c.procedure, c.day_key, c.idempotency_key, c.fingerprint, TRUE, @now, @now
        FROM unnest(@codes, @documents, @types, @countries, @procedures, @days, @keys, @fingerprints)
            AS c(code, document_key, document_type, country, procedure, day_key, idempotency_key, fingerprint)
        ON CONFLICT DO NOTHING
        RETURNING code
        """;

    /// <summary>The one-statement write of a batch of new bookings (<see cref="WritePostgresAtOnceAsync"/>): claims, then seat rows.</summary>
    private const string OpenClaimsThenSeats = $"""
        WITH opened AS (
        {InsertOpenedClaims}
        ), seats AS (
            INSERT INTO scheduler_seat_journal (service_id, day_key, seq, code, payload, recorded_at)
            SELECT @service, r.day_key, r.seq, r.code,
                   CASE WHEN r.opens AND r.code NOT IN (SELECT code FROM opened) THEN '\x'::bytea ELSE r.payload END, @now
            FROM unnest(@row_days, @row_seqs, @row_codes, @row_payloads, @row_opens) AS r(day_key, seq, code, payload, opens)
            RETURNING 1
        )
        SELECT code FROM opened
        """;

    private static ClaimChange[] OpenedClaims(IReadOnlyList<SeatJournalRow> rows) =>
        rows.Where(r => r.Claim is { Kind: ClaimChangeKind.Open }).Select(r => r.Claim!).ToArray();

    /// <summary>The codes <paramref name="command"/> answers (its first column).</summary>
    private static async Task<HashSet<string>> ReadCodesAsync(NpgsqlCommand command)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            codes.Add(reader.GetString(0));
        }

        return codes;
    }

    /// <summary>The parameters of the claims a batch opens (the <c>unnest</c> both PostgreSQL writes insert them from).</summary>
    private void AddOpenedClaims(NpgsqlCommand command, IReadOnlyList<ClaimChange> opens, long now)
    {
        command.Parameters.AddWithValue("service", database.ServiceId);
        command.Parameters.AddWithValue("now", now);
        AddTextArray(command, "codes", opens.Select(c => c.Code));
        AddTextArray(command, "documents", opens.Select(c => c.DocumentKey));
        AddTextArray(command, "types", opens.Select(c => c.DocumentType));
        AddTextArray(command, "countries", opens.Select(c => c.Country));
        AddTextArray(command, "procedures", opens.Select(c => c.Procedure));
        AddTextArray(command, "days", opens.Select(c => c.Day.ToString()));
        AddTextArray(command, "keys", opens.Select(c => c.IdempotencyKey));
        AddTextArray(command, "fingerprints", opens.Select(c => c.Fingerprint));
    }

    private static void AddTextArray(NpgsqlCommand command, string name, IEnumerable<string?> values) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.Select(v => (object?)v ?? DBNull.Value).ToArray() });
}

/// <summary>A claim as the journal stores it: which code and day a document holds (or held) for a procedure.</summary>
public sealed record StoredClaim(
    string Code, string DocumentType, string Country, string Procedure, DayKey Day, DayKey? MovingFrom, string? IdempotencyKey, string? Fingerprint, bool Active);

/// <summary>A journal row that cannot be turned back into an appointment: the day refuses to start rather than skip it.</summary>
public sealed class JournalRowUnreadableException(DayKey day, long sequence, string code, Exception? inner)
    : Exception($"Seat journal row {sequence} of day {day} (code {code}) cannot be read; the day will not start without it.", inner);
