using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Scheduler.GroupCommitBenchmark;

/// <summary>
/// One measured run: lim-brena's biometrics day raised to 500 counters (13,500 seats on a weekday), a warm-up, then
/// N bookings by distinct applicants (no start: the earliest free slot, so all of them hit the one day inventory)
/// with C in flight at all times. Writes are counted from OrleansStorage versions and the server's /metrics.
/// </summary>
public sealed class HotDayRun(HttpClient http, Uri front, string operatorToken)
{
    public const string Office = "lim-brena";
    public const string Procedure = "cpp-biometrics";
    private static readonly TimeZoneInfo Lima = TimeZoneInfo.FindSystemTimeZoneById("America/Lima");

    /// <summary>The first weekday from the day after tomorrow on which the office has every seat free.</summary>
    public async Task<DateOnly> FindHotDayAsync()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Lima).DateTime);
        var (from, to) = (today.AddDays(2), today.AddDays(20));
        using var document = JsonDocument.Parse(await http.GetStringAsync(
            new Uri(front, $"/api/v1/offices/{Office}/availability?procedure={Procedure}&from={Format(from)}&to={Format(to)}")));
        return document.RootElement.GetProperty("days").EnumerateArray()
            .Where(d => d.GetProperty("free").GetInt32() == d.GetProperty("capacity").GetInt32())
            .Select(d => DateOnly.ParseExact(d.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture))
            .First(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
    }

    public async Task RaiseCapacityAsync(DateOnly day)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(front, $"/api/v1/admin/offices/{Office}/capacity"))
        {
            Content = JsonContent.Create(new { procedure = Procedure, from = Format(day), to = Format(day), counters = 500, reason = "group-commit benchmark" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", operatorToken);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"raising capacity answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Books <paramref name="count"/> applicants numbered from <paramref name="firstApplicant"/>, <paramref name="concurrency"/> at a time.</summary>
    public async Task<(TimeSpan Elapsed, int Booked, int Failed, double[] LatenciesMs, IReadOnlyDictionary<int, int> Statuses)> BookAsync(
        DateOnly day, int firstApplicant, int count, int concurrency)
    {
        var statuses = new int[count];
        var (elapsed, latencies) = await ClosedLoop.RunAsync(count, concurrency, async i =>
        {
            var number = (firstApplicant + i).ToString("D9", CultureInfo.InvariantCulture);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(front, "/api/v1/appointments"))
            {
                Content = JsonContent.Create(new
                {
                    procedure = Procedure,
                    officeId = Office,
                    date = Format(day),
                    applicant = new { documentType = "CPP", documentNumber = number, country = "VE", fullName = "Jose Luis Perez" },
                }),
            };
            request.Headers.Add("Idempotency-Key", "gc-bench-" + number);
            try
            {
                using var response = await http.SendAsync(request);
                statuses[i] = (int)response.StatusCode;
            }
            catch (HttpRequestException)
            {
                statuses[i] = 0;
            }
        });
        var booked = statuses.Count(s => s == 201);
        return (elapsed, booked, count - booked, latencies, statuses.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count()));
    }

    public static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    internal static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
