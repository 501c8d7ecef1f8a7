using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Scheduler.Contracts;
using Scheduler.Grains.Hosting;
using Scheduler.Grains.State;
using Scheduler.Storage;
using Xunit.Abstractions;

namespace Scheduler.Storage.Tests;

/// <summary>The operator operations table on both databases: one row per id, guarded saves, the audit trail read from it, and appends whose cost ignores the month's history.</summary>
public sealed class OperationLogTests(ITestOutputHelper output)
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    public static TheoryData<string> Databases => new() { "sqlite", "postgresql" };

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task An_operation_id_is_stored_once_and_a_save_over_a_stale_version_is_refused(string kind)
    {
        await using var database = await CreateAsync(kind);
        var log = new OperationLog(database.Scheduler, Serializer, TimeProvider.System);
        var row = Row("op-1", DateTimeOffset.UtcNow, new TransferState { Request = Request(2), Status = TransferStatus.Pending });

        Assert.True(await log.TryStartAsync(row));
        Assert.False(await log.TryStartAsync(row with { Payload = new TransferState { Request = Request(5) } }));
        var saved = await log.SaveAsync(row with { Status = OperationStatus.Completed, Payload = new TransferState { Request = Request(2), Status = TransferStatus.Committed } });
        await Assert.ThrowsAsync<InconsistentStateException>(() => log.SaveAsync(row with { Status = OperationStatus.Refused }));

        var read = await log.ReadAsync<TransferState>("op-1", "transfer");
        Assert.Equal((2, OperationStatus.Completed, TransferStatus.Committed, 2), (read!.Version, read.Status, read.Payload!.Status, read.Payload.Request!.Counters));
        Assert.Equal(saved.Version, read.Version);
        Assert.Null((await log.ReadAsync<TransferState>("op-1", "capacity"))!.Payload);
        Assert.Null(await log.ReadAsync<TransferState>("op-2", "transfer"));
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task The_audit_trail_lists_the_operations_of_a_range_oldest_first_without_refused_ones(string kind)
    {
        await using var database = await CreateAsync(kind);
        var log = new OperationLog(database.Scheduler, Serializer, TimeProvider.System);
        var start = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
        await log.TryStartAsync(Row("b", start.AddMinutes(2), null));
        await log.TryStartAsync(Row("a", start.AddMinutes(1), null) with { Status = OperationStatus.Completed });
        await log.TryStartAsync(Row("refused", start.AddMinutes(3), null) with { Status = OperationStatus.Refused });
        await log.TryStartAsync(Row("later", start.AddDays(40), null));

        var trail = await log.AuditAsync(start, start.AddDays(1));

        Assert.Equal([("a", OperationStatus.Completed), ("b", OperationStatus.InProgress)], trail.Select(e => (e.OperationId!, e.Status)));
        Assert.All(trail, e => Assert.Equal(("operator:test", "counters-transferred", "a->b"), (e.Actor, e.Action, e.Target)));
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task Recording_an_operation_costs_the_same_in_a_month_of_twenty_thousand_as_in_an_empty_one(string kind)
    {
        const int history = 20_000, measured = 200;
        await using var empty = await CreateAsync(kind);
        var emptyCost = await AppendCostAsync(empty, "empty", measured);
        await using var full = await CreateAsync(kind);
        await FillAsync(full, history);
        var fullCost = await AppendCostAsync(full, "full", measured);

        output.WriteLine($"{kind}: record + complete one operation, median of {measured}: empty month {emptyCost.TotalMilliseconds:0.00} ms, month of {history:N0} {fullCost.TotalMilliseconds:0.00} ms");
        Assert.True(fullCost < emptyCost * 3 + TimeSpan.FromMilliseconds(2), $"an append in a full month took {fullCost.TotalMilliseconds:0.00} ms against {emptyCost.TotalMilliseconds:0.00} ms in an empty one");
    }

    /// <summary>Median time to record an operation and save it completed (what every operator change writes).</summary>
    private static async Task<TimeSpan> AppendCostAsync(SchedulerTestDatabase database, string prefix, int count)
    {
        var log = new OperationLog(database.Scheduler, Serializer, TimeProvider.System);
        var times = new List<TimeSpan>();
        var at = DateTimeOffset.UtcNow;
        for (var i = 0; i < count + 20; i++)
        {
            var clock = Stopwatch.StartNew();
            var row = Row($"{prefix}-{i}", at, new TransferState { Request = Request(1), Status = TransferStatus.Pending });
            Assert.True(await log.TryStartAsync(row));
            await log.SaveAsync(row with { Status = OperationStatus.Completed, Payload = new TransferState { Request = Request(1), Status = TransferStatus.Committed } });
            if (i >= 20)
            {
                // The first ones warm up connections and statements.
                times.Add(clock.Elapsed);
            }
        }

        return times.Order().ElementAt(times.Count / 2);
    }

    /// <summary>A month of history, as rows the log itself wrote (a payload each), in one transaction.</summary>
    private static async Task FillAsync(SchedulerTestDatabase database, int rows)
    {
        var payload = Serializer.SerializeToArray(new TransferState { Request = Request(1), Status = TransferStatus.Committed });
        await using var connection = await database.Scheduler.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 0; i < rows; i++)
        {
            await using var insert = connection.Command("""
                INSERT INTO scheduler_operations (service_id, operation_id, kind, action, target, actor, reason, detail, status, created_at, updated_at, version, payload)
                VALUES (@service, @id, 'transfer', 'counters-transferred', 'a->b', 'operator:test', 'history', 'cpp-biometrics 2026-11-30..2026-11-30: 1 counters', 'completed', @at, @at, 2, @payload)
                """, transaction, ("service", database.Scheduler.ServiceId), ("id", $"history-{i}"), ("at", now - i * 1_000L), ("payload", payload));
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private static OperationRow<TransferState> Row(string id, DateTimeOffset at, TransferState? payload) =>
        new(id, "transfer", "counters-transferred", "a->b", "operator:test", "test", "cpp-biometrics: 1 counters", OperationStatus.InProgress, at, 1, payload);

    private static TransferRequest Request(int counters) =>
        new("cpp-biometrics", "a", "b", new DateOnly(2026, 11, 30), new DateOnly(2026, 11, 30), counters, "operator:test", "test");

    private static Task<SchedulerTestDatabase> CreateAsync(string kind) => SchedulerTestDatabase.CreateAsync(kind, "operation-tests");
}
