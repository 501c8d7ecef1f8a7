using System.Globalization;
using Scheduler.LoadTests.Contract;
using Scheduler.LoadTests.Http;
using Scheduler.LoadTests.Measurement;

namespace Scheduler.LoadTests.Fairness;

/// <summary>
/// Runs the procedure's batches during a batch-mode run (<c>POST /api/v1/admin/procedures/{id}/batches</c>, operator
/// token), one after the other: every few seconds while applicants arrive, and once after the last. A week
/// compressed into minutes cannot wait for the scheduler's own cadence, which counts in minutes.
/// </summary>
public sealed class BatchDriver(SchedulerApiClient client, Uri baseUri, string token, string procedure, RunClock clock) : IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);
    private int _run;
    private int _failed;
    private string? _firstFailure;
    private double _everySeconds;
    private long _requests;
    private long _offered;
    private long _assigned;

    /// <summary>Runs a batch every <paramref name="seconds"/> (run clock) until <paramref name="stop"/> is cancelled.</summary>
    public async Task RunEveryAsync(double seconds, CancellationToken stop)
    {
        _everySeconds = seconds;
        var next = clock.Now + seconds;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await clock.WaitUntil(next, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await RunOnceAsync(CancellationToken.None);
            next = Math.Max(next + seconds, clock.Now);
        }
    }

    /// <summary>Runs one batch now; a refusal or failure is counted, and the first one kept for the report.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        // One batch at a time: the periodic ones and those after a release of seats come from different loops.
        await _one.WaitAsync(CancellationToken.None);
        try
        {
            await RunOneAsync(ct);
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task RunOneAsync(CancellationToken ct)
    {
        var response = await client.SendAsync(RequestKind.Search, SchedulerApiClient.RunBatch(baseUri, procedure, token), clock.Now, ct);
        if (response.IsSuccess)
        {
            _run++;
            if (response.Read(ApiJson.Default.BatchView) is { } batch)
            {
                _requests += batch.Requests;
                _offered += batch.SeatsOffered;
                _assigned += batch.Assigned;
            }

            return;
        }

        _failed++;
        _firstFailure ??= $"{response.Status?.ToString(CultureInfo.InvariantCulture) ?? response.Outcome}: {response.BodyText}";
    }

    public void Dispose() => _one.Dispose();

    public BatchFigures Figures() => new(_everySeconds, _run, _failed, _firstFailure, _requests, _offered, _assigned);

    public string Describe() =>
        $"{_run} run ({_assigned} seats assigned of {_offered} offered, to {_requests} open requests in all)"
        + (_failed == 0 ? "" : $", {_failed} refused or failed (first: {_firstFailure})");
}
