using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Serialization;
using Scheduler.Contracts;
using Scheduler.Grains.Storage;
using Scheduler.Grains.Telemetry;

namespace Scheduler.Grains.Persistence;

/// <summary>
/// The seat journal (<c>scheduler_seat_journal</c>): day inventories append one row per seat change, never
/// rewriting a day's state, and every silo batches the rows of all its grains into shared transactions through
/// a <see cref="CommitPipeline{TRow}"/> (one multi-row insert on PostgreSQL, one transaction per batch on
/// SQLite). A row's key is its day and the day's sequence number: a second activation of a day that tries to
/// write at a place another already took is refused (on its own, not its batch) and learns its memory is stale.
/// </summary>
public sealed class SeatJournal
{
    private readonly SchedulerDatabase database;
    private readonly Serializer serializer;
    private readonly TimeProvider clock;
    private readonly CommitPipeline<SeatJournalRow> pipeline;

    public SeatJournal(SchedulerDatabase database, Serializer serializer, TimeProvider clock, SchedulerMetrics metrics, IOptions<BookingWindowOptions> options)
    {
        this.database = database;
        this.serializer = serializer;
        this.clock = clock;
        pipeline = new CommitPipeline<SeatJournalRow>(WriteAsync, options.Value.GroupCommit ? 2000 : 1, metrics.JournalBatch);
    }

    /// <summary>Appends <paramref name="appointment"/>'s new record as row <paramref name="sequence"/> of its day; completes once committed.</summary>
    public Task AppendAsync(DayKey day, long sequence, Appointment appointment) =>
        pipeline.AppendAsync(new SeatJournalRow(day.ToString(), sequence, appointment.Code, serializer.SerializeToArray(appointment)));

    /// <summary>
    /// The rows of <paramref name="day"/> after <paramref name="afterSequence"/>, in order. A row that cannot be
    /// read stops the caller with an error naming it: a day is never rebuilt with a row skipped.
    /// </summary>
    public async Task<IReadOnlyList<(long Sequence, Appointment Appointment)>> ReadAsync(DayKey day, long afterSequence, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT seq, code, payload FROM scheduler_seat_journal
            WHERE service_id = @service AND day_key = @day AND seq > @after
            ORDER BY seq
            """;
        Add(command, "service", database.ServiceId);
        Add(command, "day", day.ToString());
        Add(command, "after", afterSequence);
        var rows = new List<(long, Appointment)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var sequence = reader.GetInt64(0);
            var code = reader.GetString(1);
            Appointment? appointment;
            try
            {
                appointment = serializer.Deserialize<Appointment>((byte[])reader.GetValue(2));
            }
            catch (Exception failure)
            {
                throw new JournalRowUnreadableException(day, sequence, code, failure);
            }

            if (appointment is null || appointment.Code != code || appointment.Day != day)
            {
                throw new JournalRowUnreadableException(day, sequence, code, null);
            }

            rows.Add((sequence, appointment));
        }

        return rows;
    }

    /// <summary>Removes the rows of <paramref name="day"/> up to <paramref name="throughSequence"/> (folded into a stored snapshot).</summary>
    public async Task TrimAsync(DayKey day, long throughSequence, CancellationToken cancellationToken = default)
    {
        using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM scheduler_seat_journal WHERE service_id = @service AND day_key = @day AND seq <= @through";
        Add(command, "service", database.ServiceId);
        Add(command, "day", day.ToString());
        Add(command, "through", throughSequence);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<bool>> WriteAsync(IReadOnlyList<SeatJournalRow> rows)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        using var turn = await database.WriteTurnAsync();
        await using var connection = await database.OpenAsync();
        return connection is NpgsqlConnection postgres
            ? await WritePostgresAsync(postgres, rows, now)
            : await WriteSqliteAsync((SqliteConnection)connection, rows, now);
    }

    private async Task<IReadOnlyList<bool>> WritePostgresAsync(NpgsqlConnection connection, IReadOnlyList<SeatJournalRow> rows, long now)
    {
        // One statement for the whole batch (one round trip, one commit); rows another writer already holds are
        // skipped and told apart by what comes back.
        await using var command = new NpgsqlCommand("""
            INSERT INTO scheduler_seat_journal (service_id, day_key, seq, code, payload, recorded_at)
            SELECT @service, r.day_key, r.seq, r.code, r.payload, @now
            FROM unnest(@days, @seqs, @codes, @payloads) AS r(day_key, seq, code, payload)
            ON CONFLICT DO NOTHING
            RETURNING day_key, seq
            """, connection);
        command.Parameters.AddWithValue("service", database.ServiceId);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.Add(new NpgsqlParameter("days", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Day).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("seqs", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rows.Select(r => r.Sequence).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("codes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Code).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = rows.Select(r => r.Payload).ToArray() });
        var stored = new HashSet<(string, long)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        return rows.Select(r => stored.Contains((r.Day, r.Sequence))).ToArray();
    }

    private async Task<IReadOnlyList<bool>> WriteSqliteAsync(SqliteConnection connection, IReadOnlyList<SeatJournalRow> rows, long now)
    {
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT OR IGNORE INTO scheduler_seat_journal (service_id, day_key, seq, code, payload, recorded_at)
            VALUES (@service, @day, @seq, @code, @payload, @now)
            """;
        var service = command.Parameters.Add("@service", SqliteType.Text);
        var dayParameter = command.Parameters.Add("@day", SqliteType.Text);
        var seq = command.Parameters.Add("@seq", SqliteType.Integer);
        var code = command.Parameters.Add("@code", SqliteType.Text);
        var payload = command.Parameters.Add("@payload", SqliteType.Blob);
        command.Parameters.AddWithValue("@now", now);
        service.Value = database.ServiceId;
        var stored = new bool[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            dayParameter.Value = rows[i].Day;
            seq.Value = rows[i].Sequence;
            code.Value = rows[i].Code;
            payload.Value = rows[i].Payload;
            stored[i] = await command.ExecuteNonQueryAsync() == 1;
        }

        await transaction.CommitAsync();
        return stored;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

/// <summary>A journal row that cannot be turned back into an appointment: the day refuses to start rather than skip it.</summary>
public sealed class JournalRowUnreadableException(DayKey day, long sequence, string code, Exception? inner)
    : Exception($"Seat journal row {sequence} of day {day} (code {code}) cannot be read; the day will not start without it.", inner);
