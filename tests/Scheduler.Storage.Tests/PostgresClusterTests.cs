using Orleans.Runtime;
using Scheduler.Storage.Tests.Probes;

namespace Scheduler.Storage.Tests;

/// <summary>ADO.NET clustering and reminders on real PostgreSQL (<c>SCHEDULER_TEST_POSTGRES</c>).</summary>
public sealed class PostgresClusterTests(PostgresClusterFixture fixture) : IClassFixture<PostgresClusterFixture>
{
    private const int ActiveStatus = 3;

    [SkippableFact]
    public async Task Two_silos_and_a_client_find_each_other_through_the_membership_table()
    {
        var context = await fixture.GetAsync();
        var management = context.Client.GetGrain<IManagementGrain>(0);

        await Eventually.HoldsAsync(
            async () => (await management.GetHosts(onlyActive: true)).Count == 2,
            TimeSpan.FromSeconds(30),
            "both silos see each other as active");

        Assert.Equal(2L, await context.Database.ScalarAsync<long>(
            "SELECT COUNT(*) FROM OrleansMembershipTable WHERE DeploymentId = @cluster AND Status = @active",
            ("cluster", context.ClusterId), ("active", ActiveStatus)));
        Assert.True(await context.Database.ScalarAsync<int>(
            "SELECT Version FROM OrleansMembershipVersionTable WHERE DeploymentId = @cluster",
            ("cluster", context.ClusterId)) >= 2);

        // Grains spread over both silos still persist through PostgreSQL.
        var grains = Enumerable.Range(0, 20).Select(i => context.Client.GetGrain<IProbeGrain>(5000 + i)).ToList();
        await Task.WhenAll(grains.Select((grain, i) => grain.Set(i)));
        Assert.Equal(20, await context.Database.CountStorageRowsAsync(context.ServiceId, ProbeGrain.StateName));
    }

    [SkippableFact]
    public async Task A_registered_reminder_is_stored_fires_and_is_removed_on_unregister()
    {
        var context = await fixture.GetAsync();
        var grainKey = "reminder-" + Guid.NewGuid().ToString("N");
        var grain = context.Client.GetGrain<IReminderProbeGrain>(grainKey);
        const string reminderSql =
            "SELECT COUNT(*) FROM OrleansRemindersTable WHERE ServiceId = @service AND ReminderName = 'tick' AND GrainId LIKE @grain";
        var parameters = new (string, object)[] { ("service", context.ServiceId), ("grain", "%" + grainKey) };

        // One minute is the shortest period Orleans allows; the first tick comes after the due time.
        await grain.Register("tick", dueTime: TimeSpan.FromSeconds(1), period: TimeSpan.FromMinutes(2));
        await grain.Register("tick", dueTime: TimeSpan.FromSeconds(1), period: TimeSpan.FromMinutes(1));

        Assert.True(await grain.IsRegistered("tick"));
        Assert.Equal(1L, await context.Database.ScalarAsync<long>(reminderSql, parameters));
        Assert.Equal(60_000L, await context.Database.ScalarAsync<long>(
            "SELECT Period FROM OrleansRemindersTable WHERE ServiceId = @service AND GrainId LIKE @grain", parameters));
        Assert.Equal(1, await context.Database.ScalarAsync<int>(
            "SELECT Version FROM OrleansRemindersTable WHERE ServiceId = @service AND GrainId LIKE @grain", parameters));

        await Eventually.HoldsAsync(async () => await grain.GetTicks("tick") >= 1, TimeSpan.FromSeconds(20), "the reminder fired");

        await grain.Unregister("tick");
        Assert.False(await grain.IsRegistered("tick"));
        Assert.Equal(0L, await context.Database.ScalarAsync<long>(reminderSql, parameters));
    }
}
