namespace Scheduler.LoadTests.Hosting;

/// <summary>Polls <c>/health/ready</c> until it answers 200.</summary>
public static class ReadinessProbe
{
    public static async Task<bool> WaitAsync(HttpClient http, Uri baseUri, TimeSpan timeout, Func<bool> stillWorthWaiting, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && stillWorthWaiting())
        {
            if (await IsReadyAsync(http, baseUri, ct))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }

        return false;
    }

    public static async Task<bool> IsReadyAsync(HttpClient http, Uri baseUri, CancellationToken ct)
    {
        try
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
            attempt.CancelAfter(TimeSpan.FromSeconds(3));
            using var response = await http.GetAsync(new Uri(baseUri, "health/ready"), attempt.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
