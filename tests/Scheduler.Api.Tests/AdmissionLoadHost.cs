namespace Scheduler.Api.Tests;

/// <summary>
/// A host of its own for the global-load challenge: tickets are free per address, but from 4 people waiting every new
/// arrival is challenged. The front door's copy of the status is refreshed only when a test asks (a minute apart
/// otherwise), so the waiting count a challenge is computed from is the one the test saw.
/// </summary>
public sealed class AdmissionLoadHost : IAsyncLifetime
{
    public SchedulerApiFactory Api { get; } = SchedulerApiFactory.With(new Dictionary<string, string>
    {
        ["Scheduler:Admission:Tick"] = "00:00:00.100",
        ["Scheduler:Admission:StatusRefresh"] = "00:01:00",
        ["Scheduler:Admission:PollCache"] = "00:00:00",
        ["Scheduler:Admission:FreeTicketsPerMinutePerAddress"] = "1000000",
        ["Scheduler:Admission:ChallengeAboveWaiting"] = "4",
        ["Scheduler:Admission:MinDifficulty"] = "8",
        ["Scheduler:Admission:MaxDifficulty"] = "10",
        ["Scheduler:Admission:AutoOnBookingsPerSecond"] = "0",
    });

    public Task InitializeAsync() => Api.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)Api).DisposeAsync();
}
