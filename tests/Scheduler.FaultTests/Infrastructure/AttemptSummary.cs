using System.Text;

namespace Scheduler.FaultTests.Infrastructure;

/// <summary>Outcomes and latencies of a set of booking attempts, for the test log.</summary>
public static class AttemptSummary
{
    public static string Describe(string title, IReadOnlyCollection<BookingAttempt> attempts)
    {
        var text = new StringBuilder($"{title}: {attempts.Count} attempts\n");
        foreach (var group in attempts.GroupBy(Outcome).OrderByDescending(g => g.Count()))
        {
            text.Append($"  {group.Key,-28} {group.Count(),6}\n");
        }

        if (attempts.Count > 0)
        {
            var latencies = attempts.Select(a => a.Elapsed.TotalMilliseconds).Order().ToArray();
            text.Append($"  latency ms: p50 {Percentile(latencies, 0.50):0}, p99 {Percentile(latencies, 0.99):0}, max {latencies[^1]:0}\n");
        }

        return text.ToString();
    }

    public static string Outcome(BookingAttempt attempt) => attempt.Status switch
    {
        null => "no answer",
        >= 200 and < 300 => $"{attempt.Status} booked",
        _ => $"{attempt.Status} {attempt.ProblemType ?? "(no problem type)"}",
    };

    /// <summary>Outcomes per second of sending, e.g. "4s: 201x80 409x20 503x3".</summary>
    public static string Timeline(IReadOnlyCollection<BookingAttempt> attempts) =>
        string.Join('\n', attempts.GroupBy(a => (int)a.SentAt.TotalSeconds).OrderBy(g => g.Key).Select(g =>
            $"  {g.Key,3} s: " + string.Join(' ', g.GroupBy(a => a.Status?.ToString() ?? "none").OrderBy(s => s.Key).Select(s => $"{s.Key}x{s.Count()}")) +
            $"  (max {g.Max(a => a.Elapsed.TotalMilliseconds):0} ms)"));

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
