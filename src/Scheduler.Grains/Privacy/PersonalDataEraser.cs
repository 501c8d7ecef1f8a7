using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scheduler.Contracts;
using Scheduler.Grains.Hosting;
using Scheduler.Storage;

namespace Scheduler.Grains.Privacy;

/// <summary>
/// Erases personal data that has outlived <see cref="PrivacyOptions.RetentionDays"/>: the applicant's name, contact
/// and document in the records of appointments whose day ended, or that were cancelled, longer ago than that; the
/// claims of those appointments; and notification rows (recipient, subject) that were delivered or given up. The
/// appointments themselves stay, erased, so days, rosters and utilisation still count them.
/// <para>
/// Every silo offers every <see cref="PrivacyOptions.ErasureInterval"/>; on PostgreSQL one silo at a time runs it (a
/// session advisory lock: the lease ends with the connection, so a silo that dies mid-run frees it). Each run costs
/// what became erasable since the last one, not what is held: whole days are taken in date order from where the last
/// run stopped (<c>scheduler_erasure</c>), each office x procedure the catalogue knows, and cancelled appointments on
/// days still ahead come from their closed claims, which are then deleted.
/// </para>
/// </summary>
public sealed class PersonalDataEraser(
    SchedulerDatabase database,
    IGrainFactory grains,
    TimeProvider clock,
    IOptions<PrivacyOptions> options,
    ILogger<PersonalDataEraser> logger) : BackgroundService
{
    // A lock id of the scheduler's own ("ERASE" in ASCII), within the database the service's tables live in.
    private const long LeaseLockId = 0x4552415345;
    private const int DaysAtOnce = 32;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ErasureInterval, clock);
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                // Whatever was not erased is found again on the next run.
                logger.LogWarning(failure, "Erasing personal data failed; trying again at the next interval");
            }
        }
    }

    /// <summary>One run. Null when another silo holds the lease.</summary>
    public async Task<ErasureRun?> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var lease = await database.OpenAsync(cancellationToken);
        if (!database.IsSqlite && !await ScalarAsync<bool>(lease, "SELECT pg_try_advisory_lock(@id)", cancellationToken, ("id", LeaseLockId)))
        {
            return null;
        }

        try
        {
            var now = clock.GetUtcNow();
            var cutoff = now - TimeSpan.FromDays(options.Value.RetentionDays);
            var records = await EraseEndedDaysAsync(cutoff, cancellationToken) + await EraseCancelledAsync(cutoff, cancellationToken);
            var messages = await DeleteFinishedMessagesAsync(cutoff, cancellationToken);
            logger.LogInformation("Erased personal data: {Records} appointment records, {Messages} notification rows", records, messages);
            return new ErasureRun(records, messages);
        }
        finally
        {
            if (!database.IsSqlite)
            {
                await ScalarAsync<bool>(lease, "SELECT pg_advisory_unlock(@id)", CancellationToken.None, ("id", LeaseLockId));
            }
        }
    }

    /// <summary>Every day that ended before <paramref name="cutoff"/> and was not erased yet, in date order.</summary>
    private async Task<int> EraseEndedDaysAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        // A date two days before the cutoff's UTC date has ended by the cutoff in every zone west of UTC (Peru is UTC-5),
        // and earlier in every zone east of it; each day still checks against its own office's zone.
        var lastEnded = DateOnly.FromDateTime(cutoff.UtcDateTime).AddDays(-2);
        var from = await ErasedThroughAsync(cancellationToken) is { } through ? through.AddDays(1) : await FirstDateHeldAsync(lastEnded, cancellationToken);
        if (from is not { } first || first > lastEnded)
        {
            return 0;
        }

        var offices = await grains.GetGrain<ICatalogGrain>(0).GetOffices();
        var erased = 0;
        for (var date = first; date <= lastEnded; date = date.AddDays(1))
        {
            var days = offices.SelectMany(o => o.Procedures.Select(p => new DayKey(o.Id, p, date))).ToArray();
            foreach (var batch in days.Chunk(DaysAtOnce))
            {
                var results = await Task.WhenAll(batch.Select(day => grains.GetGrain<IDayInventoryGrain>(day.ToString()).ErasePersonalData(cutoff)));
                if (results.Any(r => r.Deferred))
                {
                    // The watermark stays before this date: the next run takes it again (erasing twice is harmless).
                    return erased + results.Sum(r => r.Erased);
                }

                erased += results.Sum(r => r.Erased);
            }

            foreach (var day in days)
            {
                await ExecuteAsync("DELETE FROM scheduler_claims WHERE service_id = @service AND day_key = @day", cancellationToken, ("day", day.ToString()));
            }

            await ExecuteAsync(
                "INSERT INTO scheduler_erasure (service_id, erased_through) VALUES (@service, @date) ON CONFLICT (service_id) DO UPDATE SET erased_through = excluded.erased_through",
                cancellationToken, ("date", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        return erased;
    }

    /// <summary>Appointments cancelled before <paramref name="cutoff"/> on days not yet ended: found by their closed claims.</summary>
    private async Task<int> EraseCancelledAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var before = cutoff.ToUnixTimeMilliseconds();
        var days = new List<(string Day, string Code)>();
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var command = connection.Command(
            "SELECT day_key, code FROM scheduler_claims WHERE service_id = @service AND updated_at < @before AND active = @ended", null,
            ("service", database.ServiceId), ("before", before), ("ended", database.IsSqlite ? 0 : false)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                days.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var erased = 0;
        foreach (var batch in days.GroupBy(d => d.Day, StringComparer.Ordinal).Chunk(DaysAtOnce))
        {
            var results = await Task.WhenAll(batch.Select(async day => (Day: day, Result: await grains.GetGrain<IDayInventoryGrain>(day.Key).ErasePersonalData(cutoff))));
            foreach (var (day, result) in results.Where(r => !r.Result.Deferred))
            {
                erased += result.Erased;
                foreach (var (_, code) in day)
                {
                    await ExecuteAsync("DELETE FROM scheduler_claims WHERE service_id = @service AND code = @code", cancellationToken, ("code", code));
                }
            }
        }

        return erased;
    }

    /// <summary>Notification rows delivered or given up before <paramref name="cutoff"/> (their bodies went already).</summary>
    private Task<int> DeleteFinishedMessagesAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "DELETE FROM scheduler_outbox WHERE service_id = @service AND created_at < @before AND (sent_at IS NOT NULL OR failed_at IS NOT NULL)",
            cancellationToken, ("before", cutoff.ToUnixTimeMilliseconds()));

    private async Task<DateOnly?> ErasedThroughAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT erased_through FROM scheduler_erasure WHERE service_id = @service", null, ("service", database.ServiceId));
        return await command.ExecuteScalarAsync(cancellationToken) is string text ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
    }

    /// <summary>
    /// The first run's starting date: the earliest day any claim that has not changed since <paramref name="lastEnded"/>
    /// points at (every booking has had a claim since the claims table came, and the upgrade gave older ones one).
    /// </summary>
    private async Task<DateOnly?> FirstDateHeldAsync(DateOnly lastEnded, CancellationToken cancellationToken)
    {
        var before = new DateTimeOffset(lastEnded.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        DateOnly? first = null;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT DISTINCT day_key FROM scheduler_claims WHERE service_id = @service AND updated_at < @before", null, ("service", database.ServiceId), ("before", before));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var date = DayKey.Parse(reader.GetString(0)).Date;
            if (first is null || date < first)
            {
                first = date;
            }
        }

        return first;
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(sql, null, [("service", database.ServiceId), .. parameters]);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(DbConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(sql, null, parameters);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
