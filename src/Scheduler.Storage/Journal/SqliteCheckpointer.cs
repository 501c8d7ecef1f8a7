using Microsoft.Data.Sqlite;

namespace Scheduler.Storage;

/// <summary>
/// Copies the SQLite write-ahead log back into the database file beside the journal's writer rather than inside its
/// commits. By default the connection whose commit takes the log past 1,000 pages does that copy (about a thousand
/// random page writes and a sync of the file) before its commit returns; the journal has one writer for the whole
/// process, so every booking queued behind it waited too. Here the writer never checkpoints (short of a backstop, see
/// <see cref="SqliteJournalWriter"/>); after its commits this loop runs passive checkpoints on a connection of its own,
/// which SQLite lets proceed while the writer appends, so the copying runs on another core. A checkpoint moves
/// committed pages only: a commit is durable once its log pages are synced, which the writer's commit does itself.
/// </summary>
/// <remarks>
/// The log starts again from its beginning only at a commit that finds every page of it copied. A passive pass
/// running while the writer appends may never get there, so once a pass leaves more than <see cref="RestartPages"/>
/// pages in the log, the next pass takes the process's write turn for its last, short stretch (the pages since the
/// previous pass); the next commit then rewinds the log, which keeps the file from growing without end.
/// </remarks>
internal sealed class SqliteCheckpointer : IDisposable
{
    /// <summary>Pages in the log beyond which a pass ends inside the write turn (4,096 pages of 4 KiB: 16 MiB).</summary>
    public const int RestartPages = 4096;

    // Between two passes: each has a fixed cost (a read snapshot, the log's index), and a few dozen commits a second
    // need no more than a few dozen passes.
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(20);

    private readonly SchedulerDatabase database;
    private readonly TimeProvider clock;
    private readonly SemaphoreSlim committed = new(0, 1);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    public SqliteCheckpointer(SchedulerDatabase database, TimeProvider clock)
    {
        this.database = database;
        this.clock = clock;
        loop = Task.Run(RunAsync);
    }

    /// <summary>The writer committed: the log has pages to copy.</summary>
    public void Committed()
    {
        // A pass already due copies every page committed before it starts. The count is checked first because a
        // thrown SemaphoreFullException per commit showed in the profile; the catch covers the race with the loop.
        if (committed.CurrentCount > 0)
        {
            return;
        }

        try
        {
            committed.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends by cancellation.
        }

        stopping.Dispose();
        committed.Dispose();
    }

    private async Task RunAsync()
    {
        SqliteConnection? connection = null;
        var large = false;
        try
        {
            while (true)
            {
                await committed.WaitAsync(stopping.Token);
                try
                {
                    connection ??= await OpenAsync(database, stopping.Token);
                    if (large)
                    {
                        using var turn = await database.WriteTurnAsync(stopping.Token);
                        large = await CheckpointAsync(connection) > RestartPages;
                    }
                    else
                    {
                        large = await CheckpointAsync(connection) > RestartPages;
                    }
                }
                catch (SqliteException)
                {
                    // A pass that failed (a busy file, a full disk) is tried again after the next commit, on a new
                    // connection; meanwhile the log only grows, and the writer's own backstop still bounds it.
                    connection?.Dispose();
                    connection = null;
                }

                await Task.Delay(Spacing, clock, stopping.Token);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private static async Task<SqliteConnection> OpenAsync(SchedulerDatabase database, CancellationToken cancellationToken)
    {
        var connection = await database.OpenOwnSqliteConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();

            // A checkpoint syncs the log before it copies and the database file before the log may start again; with
            // synchronous = OFF it would do neither, and a power cut after the log's rewind could lose copied pages.
            command.CommandText = "PRAGMA synchronous = FULL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>One passive checkpoint; answers the pages the log still holds uncopied (or, when all are, its size, which the next commit resets).</summary>
    private static async Task<long> CheckpointAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return 0;
        }

        // Columns: busy, pages in the log, pages copied (-1 and -1 when the file is not in WAL mode).
        var logPages = reader.GetInt64(1);
        var copied = reader.GetInt64(2);
        return logPages < 0 ? 0 : logPages == copied ? 0 : logPages;
    }
}
