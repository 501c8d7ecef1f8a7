namespace Scheduler.LoadTests.Metrics;

/// <summary>Reads <c>/metrics</c> from every front door, tagging each sample with its instance.</summary>
public static class MetricsScraper
{
    public static async Task<(IReadOnlyList<PrometheusSample>? Samples, string? Note)> ScrapeAsync(HttpClient http, IReadOnlyList<Uri> baseUris, CancellationToken ct)
    {
        var samples = new List<PrometheusSample>();
        var notes = new List<string>();
        foreach (var baseUri in baseUris)
        {
            try
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
                limit.CancelAfter(TimeSpan.FromSeconds(15));
                using var response = await http.GetAsync(new Uri(baseUri, "metrics"), limit.Token);
                if (!response.IsSuccessStatusCode)
                {
                    notes.Add($"{baseUri}metrics answered {(int)response.StatusCode}");
                    continue;
                }

                var instance = $"{baseUri.Host}:{baseUri.Port}";
                foreach (var s in PrometheusText.Parse(await response.Content.ReadAsStringAsync(limit.Token)))
                {
                    var labels = new Dictionary<string, string>(s.Labels) { ["instance"] = instance };
                    samples.Add(s with { Labels = labels });
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                notes.Add($"{baseUri}metrics: {e.Message}");
            }
        }

        var note = notes.Count == 0 ? null : string.Join("; ", notes);
        return samples.Count == 0 && notes.Count > 0 ? (null, note) : (samples, note);
    }
}
