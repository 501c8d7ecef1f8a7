namespace Scheduler.Api.Tests;

/// <summary>
/// A host of its own for the waiting-room tests (they switch admission on for cpp-biometrics, which the shared host's
/// tests must not see): every ticket costs a small challenge, the coordinator ticks every 100 ms, polls are not cached.
/// </summary>
public sealed class AdmissionHost : IAsyncLifetime
{
    public SchedulerApiFactory Api { get; } = SchedulerApiFactory.With(new Dictionary<string, string>
    {
        ["Scheduler:Admission:Tick"] = "00:00:00.100",
        ["Scheduler:Admission:StatusRefresh"] = "00:00:00.200",
        ["Scheduler:Admission:PollCache"] = "00:00:00",
        ["Scheduler:Admission:FreeTicketsPerMinutePerAddress"] = "0",
        ["Scheduler:Admission:MinDifficulty"] = "8",
        ["Scheduler:Admission:MaxDifficulty"] = "10",
        ["Scheduler:Admission:AdmitPerSecond"] = "1000",
        ["Scheduler:Admission:AutoOnBookingsPerSecond"] = "0",
    });

    public Task InitializeAsync() => Api.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)Api).DisposeAsync();
}
