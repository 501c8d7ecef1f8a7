using Microsoft.Data.Sqlite;
using Scheduler.Contracts;

namespace Scheduler.Storage;

/// <summary>
/// Writes the seat journal's batches to SQLite: one IMMEDIATE transaction per batch, a statement per row, through
/// a connection of its own that stays open with its four statements prepared once (a pooled connection per batch
/// and a command per row parsed and planned every statement again). Its commits never copy the write-ahead log back
/// into the database file: <see cref="SqliteCheckpointer"/> does that on another connection, off the path every
/// booking waits on. Only the commit pipeline's loop calls it, inside the process's write turn, so one batch at a
/// time uses the connection.
/// </summary>
internal sealed class SqliteJournalWriter(SchedulerDatabase database, TimeProvider clock) : IDisposable
{
    // The writer's own checkpoint, a backstop only: should the checkpointer fail or fall behind, the writer's commit
    // copies the log once it holds this many pages (64 MiB of 4 KiB pages), as every connection does at 1,000.
    private const int BackstopCheckpointPages = 16 * 1024;

    private SqliteCheckpointer? checkpointer;
    private Statements? statements;

    /// <summary>
    /// Writes <paramref name="rows"/> in one transaction and answers, per row, how it was taken. <paramref name="beforeCommit"/>
    /// runs after the last statement and before the commit. A failed batch rolls back whole and closes the connection:
    /// the next batch opens a new one rather than trust a connection that has just seen an I/O error.
    /// </summary>
    public async Task<IReadOnlyList<JournalOutcome>> WriteAsync(
        IReadOnlyList<SeatJournalRow> rows, long now, Func<IReadOnlyList<SeatJournalRow>, Task> beforeCommit)
    {
        var open = statements ??= await Statements.OpenAsync(database);
        checkpointer ??= new SqliteCheckpointer(database, clock);
        try
        {
            using var transaction = open.Connection.BeginTransaction(deferred: false);
            open.Enlist(transaction, now);
            var outcomes = new JournalOutcome[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                outcomes[i] = open.Write(rows[i]);
            }

            await beforeCommit(rows);
            transaction.Commit();
            checkpointer.Committed();
            return outcomes;
        }
        catch
        {
            statements = null;
            open.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        checkpointer?.Dispose();
        checkpointer = null;
        statements?.Dispose();
        statements = null;
    }

    /// <summary>The writer's connection and its prepared statements (Microsoft.Data.Sqlite keeps a command's statement prepared while its text and connection stay the same).</summary>
    private sealed class Statements : IDisposable
    {
        private readonly SqliteCommand openClaim;
        private readonly SqliteCommand insertSeat;
        private readonly SqliteCommand dropClaim;
        private readonly SqliteCommand updateClaim;

        private Statements(SqliteConnection connection, string serviceId)
        {
            Connection = connection;
            openClaim = Prepare(serviceId, """
                INSERT OR IGNORE INTO scheduler_claims
                    (service_id, code, document_key, document_type, country, procedure, day_key, idempotency_key, fingerprint, active, created_at, updated_at)
                VALUES (@service, @code, @document, @type, @country, @procedure, @day, @key, @fingerprint, 1, @now, @now)
                """, ("@code", SqliteType.Text), ("@document", SqliteType.Text), ("@type", SqliteType.Text), ("@country", SqliteType.Text),
                ("@procedure", SqliteType.Text), ("@day", SqliteType.Text), ("@key", SqliteType.Text), ("@fingerprint", SqliteType.Text), ("@now", SqliteType.Integer));
            insertSeat = Prepare(serviceId, """
                INSERT OR IGNORE INTO scheduler_seat_journal (service_id, day_key, seq, code, payload, recorded_at)
                VALUES (@service, @day, @seq, @code, @payload, @now)
                """, ("@day", SqliteType.Text), ("@seq", SqliteType.Integer), ("@code", SqliteType.Text), ("@payload", SqliteType.Blob), ("@now", SqliteType.Integer));
            dropClaim = Prepare(serviceId, "DELETE FROM scheduler_claims WHERE service_id = @service AND code = @code", ("@code", SqliteType.Text));
            updateClaim = Prepare(serviceId, """
                UPDATE scheduler_claims SET day_key = @day, moving_from = @from, active = @active, updated_at = @now
                WHERE service_id = @service AND code = @code
                """, ("@day", SqliteType.Text), ("@from", SqliteType.Text), ("@active", SqliteType.Integer), ("@now", SqliteType.Integer), ("@code", SqliteType.Text));
        }

        public SqliteConnection Connection { get; }

        public static async Task<Statements> OpenAsync(SchedulerDatabase database)
        {
            var connection = await database.OpenOwnSqliteConnectionAsync();
            try
            {
                await using (var pragmas = connection.CreateCommand())
                {
                    // synchronous = FULL: in WAL mode every commit syncs the log before it returns, so a row is on
                    // the disk (not only in the operating system's cache) when its caller is answered; stated here
                    // rather than left to the build's default, since the acknowledgement rests on it.
                    pragmas.CommandText = $"PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = {BackstopCheckpointPages};";
                    await pragmas.ExecuteNonQueryAsync();
                }

                return new Statements(connection, database.ServiceId);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        /// <summary>Every statement joins <paramref name="transaction"/> (Microsoft.Data.Sqlite refuses a command outside the connection's transaction).</summary>
        public void Enlist(SqliteTransaction transaction, long now)
        {
            foreach (var command in new[] { openClaim, insertSeat, dropClaim, updateClaim })
            {
                command.Transaction = transaction;
            }

            openClaim.Parameters["@now"].Value = now;
            insertSeat.Parameters["@now"].Value = now;
            updateClaim.Parameters["@now"].Value = now;
        }

        // Microsoft.Data.Sqlite runs every command synchronously (its async methods only wrap the result), and this
        // runs on the pipeline's own loop, never on a grain's scheduler: the plain calls save a task per statement.
        public JournalOutcome Write(SeatJournalRow row)
        {
            var refused = false;
            if (row.Claim is { Kind: ClaimChangeKind.Open } open)
            {
                Set(openClaim, "@code", open.Code);
                Set(openClaim, "@document", open.DocumentKey);
                Set(openClaim, "@type", open.DocumentType);
                Set(openClaim, "@country", open.Country);
                Set(openClaim, "@procedure", open.Procedure);
                Set(openClaim, "@day", open.Day.ToString());
                Set(openClaim, "@key", open.IdempotencyKey);
                Set(openClaim, "@fingerprint", open.Fingerprint);
                refused = openClaim.ExecuteNonQuery() == 0;
            }

            Set(insertSeat, "@day", row.Day);
            Set(insertSeat, "@seq", row.Sequence);
            Set(insertSeat, "@code", row.Code);
            Set(insertSeat, "@payload", refused ? Array.Empty<byte>() : row.Payload);
            if (insertSeat.ExecuteNonQuery() != 1)
            {
                // Another activation of the day wrote at this place: nothing of this row may stay, not even its new claim.
                if (row.Claim is { Kind: ClaimChangeKind.Open } && !refused)
                {
                    Set(dropClaim, "@code", row.Code);
                    dropClaim.ExecuteNonQuery();
                }

                return JournalOutcome.PlaceTaken;
            }

            if (row.Claim is { Kind: not ClaimChangeKind.Open } update)
            {
                Set(updateClaim, "@day", update.Day.ToString());
                Set(updateClaim, "@from", update.MovingFrom?.ToString());
                Set(updateClaim, "@active", update.Kind == ClaimChangeKind.Close ? 0 : 1);
                Set(updateClaim, "@code", update.Code);
                updateClaim.ExecuteNonQuery();
            }

            return refused ? JournalOutcome.ClaimRefused : JournalOutcome.Stored;
        }

        public void Dispose()
        {
            foreach (var command in new[] { openClaim, insertSeat, dropClaim, updateClaim })
            {
                command.Dispose();
            }

            Connection.Dispose();
        }

        private static void Set(SqliteCommand command, string name, object? value) => command.Parameters[name].Value = value ?? DBNull.Value;

        private SqliteCommand Prepare(string serviceId, string sql, params (string Name, SqliteType Type)[] parameters)
        {
            var command = Connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.Add("@service", SqliteType.Text).Value = serviceId;
            foreach (var (name, type) in parameters)
            {
                command.Parameters.Add(name, type);
            }

            command.Prepare();
            return command;
        }
    }
}
