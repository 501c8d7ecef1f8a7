using Scheduler.LoadTests.Http;
using Scheduler.LoadTests.Measurement;
using Scheduler.LoadTests.Scenarios;

namespace Scheduler.LoadTests.Preparation;

/// <summary>
/// Carries out a scenario's <c>prepare.releases</c> during the run: at each release's time (run clock) its capacity
/// changes through the operator API, then <paramref name="afterRelease"/> (in batch mode: a batch, so the released
/// seats go to the open requests). A release the scheduler refuses is reported, and the run goes on.
/// </summary>
public sealed class SeatReleases(
    SchedulerApiClient client, Uri baseUri, string token, Scenario scenario, DateOnly today, RunClock clock, Func<Task>? afterRelease, Action<string> log)
{
    private readonly List<SeatReleased> _done = [];

    public IReadOnlyList<SeatReleased> Done => _done;

    public async Task RunAsync(CancellationToken stop)
    {
        foreach (var release in scenario.Prepare?.Releases ?? [])
        {
            try
            {
                await clock.WaitUntil(release.AtSeconds, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            SeatReleased done;
            try
            {
                var raised = await CapacityPreparation.ApplyRaisesAsync(client, baseUri, token, scenario, release.RaiseCapacity, today, CancellationToken.None);
                done = new SeatReleased(release.AtSeconds, clock.Now, raised, null);
            }
            catch (PreparationException e)
            {
                done = new SeatReleased(release.AtSeconds, clock.Now, [], e.Message);
            }

            _done.Add(done);
            log(done.Describe());
            if (afterRelease is not null)
            {
                await afterRelease();
            }
        }
    }
}
