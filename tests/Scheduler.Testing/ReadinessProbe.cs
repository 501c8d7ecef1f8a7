namespace Scheduler.Testing;

/// <summary>Polls a scheduler's <c>/health/ready</c> until it answers 200.</summary>
public static class ReadinessProbe
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(3);

    /// <summary>True once ready; false when <paramref name="timeout"/> passed or <paramref name="stillWorthWaiting"/> said no.</summary>
    public static async Task<bool> WaitAsync(HttpClient http, Uri baseUri, TimeSpan timeout, Func<bool> stillWorthWaiting, CancellationToken ct)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < timeout && stillWorthWaiting())
        {
            if (await IsReadyAsync(http, baseUri, ct))
            {
                return true;
            }

            await Task.Delay(Interval, ct);
        }

        return false;
    }

    public static async Task<bool> IsReadyAsync(HttpClient http, Uri baseUri, CancellationToken ct)
    {
        try
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
            attempt.CancelAfter(AttemptTimeout);
            using var response = await http.GetAsync(new Uri(baseUri, "/health/ready"), attempt.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception notYet) when (notYet is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
