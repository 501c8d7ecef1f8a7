using Scheduler.Contracts;

namespace Scheduler.Storage.Tests;

/// <summary>
/// Allocation requests share the waitlist table in a partition of their own per procedure: a mode change reads a
/// procedure's waiting waitlist entries, and only those (not its requests, not a procedure whose id starts the same),
/// on both databases whatever their collation.
/// </summary>
public sealed class AllocationRequestStorageTests
{
    public static TheoryData<string> Databases => new() { "sqlite", "postgresql" };

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task A_procedures_waiting_entries_are_read_without_its_requests_or_another_procedures_entries(string kind)
    {
        await using var setup = await WaitlistStorageTests.CreateAsync(kind);
        await setup.Store.AddAsync("cpp-biometrics/jz-cusco", WaitlistStorageTests.Entry("W-A"));
        await setup.Store.AddAsync("cpp-biometrics/lim-brena", WaitlistStorageTests.Entry("W-B"));
        await setup.Store.AddAsync("cpp-biometrics/lim-brena", WaitlistStorageTests.Entry("W-C"));
        await setup.Store.AddAsync(RequestPartition.Key("cpp-biometrics"), WaitlistStorageTests.Entry("R-A"));
        await setup.Store.AddAsync("cpp-biometrics-2/jz-cusco", WaitlistStorageTests.Entry("W-D"));
        await setup.Store.AddAsync("cpp-biometrics0/jz-cusco", WaitlistStorageTests.Entry("W-E"));
        await setup.Store.FinishAsync(WaitlistStorageTests.Entry("W-C") with { Status = WaitlistStatus.Left });

        var waiting = await setup.Store.WaitingInProcedureAsync("cpp-biometrics");

        Assert.Equal(["W-A", "W-B"], waiting.Select(e => e.Id));
        Assert.Equal(["R-A"], (await setup.Store.ReadWaitingAsync(RequestPartition.Key("cpp-biometrics"))).Select(e => e.Id));
    }
}
