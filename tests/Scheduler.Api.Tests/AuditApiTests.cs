using Scheduler.Api.Models;

namespace Scheduler.Api.Tests;

/// <summary>GET /api/v1/admin/audit: who changed what, where and why.</summary>
[Collection(SchedulerApiCollection.Name)]
public sealed class AuditApiTests(SchedulerApiFactory api)
{
    private const string OperatorName = "rosa.audit";
    private readonly HttpClient anonymous = api.CreateClient();
    private readonly HttpClient operatorClient = api.CreateClient(api.Tokens.Operator(OperatorName));
    private readonly DateOnly day = BookingDays.Audit;

    [Fact]
    public async Task Capacity_changes_closures_and_transfers_are_in_the_audit_trail_with_actor_action_target_and_reason()
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var tag = Guid.NewGuid().ToString("N");
        await operatorClient.CapacityChangedAsync("jz-ica", OperatorRequests.Capacity(day, 4, reason: $"more staff {tag}"));
        using (var closed = await operatorClient.CloseDayAsync("jz-tacna", OperatorRequests.Closure(day, $"strike {tag}")))
        {
            await ApiCalls.ReadAsync<CapacityResponse>(closed);
        }

        using (var transferred = await operatorClient.TransferAsync(OperatorRequests.Transfer("jz-chimbote", "jz-trujillo", day, 1, reason: $"backlog {tag}")))
        {
            await ApiCalls.ReadAsync<TransferResponse>(transferred);
        }

        var audit = (await operatorClient.AuditAsync(since))!;

        var mine = audit.Where(e => e.Reason?.EndsWith(tag, StringComparison.Ordinal) == true).ToArray();
        Assert.Equal(
            [
                ($"operator:{OperatorName}", "capacity-changed", "jz-ica", $"more staff {tag}"),
                ($"operator:{OperatorName}", "day-closed", "jz-tacna", $"strike {tag}"),
                ($"operator:{OperatorName}", "counters-transferred", "jz-chimbote->jz-trujillo", $"backlog {tag}"),
            ],
            mine.Select(e => (e.Actor, e.Action, e.Target, e.Reason)));
        Assert.All(mine, e => Assert.Contains(day.Text(), e.Detail, StringComparison.Ordinal));
        Assert.All(mine, e => Assert.InRange(e.At, since, DateTimeOffset.UtcNow));
        Assert.Equal(audit.OrderBy(e => e.At).Select(e => e.At), audit.Select(e => e.At));
    }

    [Fact]
    public async Task A_refused_change_is_not_in_the_audit_trail()
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var tag = Guid.NewGuid().ToString("N");
        await anonymous.BookedAsync(Bookings.At("jz-arequipa", day, "08:00"));

        using var refused = await operatorClient.CloseDayAsync("jz-arequipa", OperatorRequests.Closure(day, $"refused {tag}", relocate: false));

        await Problem.AssertAsync(refused, HttpStatusCode.Conflict, "capacity-conflict");
        Assert.DoesNotContain((await operatorClient.AuditAsync(since))!, e => e.Reason?.EndsWith(tag, StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-02-30", "from")]
    [InlineData("to=not-a-date", "to")]
    [InlineData("from=2026-03-02&to=2026-03-01", "to")]
    [InlineData("from=2024-01-01&to=2026-01-01", "to")]
    public async Task Audit_with_a_bad_range_is_a_400_naming_it(string query, string field)
    {
        using var response = await operatorClient.GetAsync($"/api/v1/admin/audit?{query}");

        await Problem.AssertNamesFieldAsync(response, field);
    }
}
