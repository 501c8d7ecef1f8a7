using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Scheduler.GroupCommitBenchmark;

/// <summary>
/// The waitlist at scale: jz-cusco's biometrics day is closed (0 counters; no other office within 30 km), then N
/// distinct applicants join the waitlist near Cusco for that day, C in flight. Nothing is free in reach, so every
/// entry waits, all in one partition (procedure/jz-cusco): the last joins meet the longest waitlist. Reports the join
/// latency of the first and the last <see cref="Slice"/> joins.
/// </summary>
public sealed class WaitlistJoinRun(HttpClient http, Uri front, string operatorToken)
{
    public const string Office = "jz-cusco";
    public const int Slice = 5000;
    private const string Cusco = "-13.5320,-71.9675";

    public async Task<DateOnly> CloseDayAsync()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Lima")).DateTime);
        var day = Enumerable.Range(3, 14).Select(today.AddDays).First(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(front, $"/api/v1/admin/offices/{Office}/capacity"))
        {
            Content = JsonContent.Create(new { procedure = HotDayRun.Procedure, from = HotDayRun.Format(day), to = HotDayRun.Format(day), counters = 0, relocate = false, reason = "waitlist benchmark" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", operatorToken);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"closing the day answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return day;
    }

    /// <summary>Joins <paramref name="count"/> applicants numbered from <paramref name="firstApplicant"/>; answers each join's latency and status, in join order.</summary>
    public async Task<(TimeSpan Elapsed, double[] LatenciesMs, int[] Statuses, string[] States)> JoinAsync(DateOnly day, int firstApplicant, int count, int concurrency)
    {
        var statuses = new int[count];
        var states = new string[count];
        var (elapsed, latencies) = await ClosedLoop.RunAsync(count, concurrency, async i =>
        {
            var number = (firstApplicant + i).ToString("D9", CultureInfo.InvariantCulture);
            try
            {
                using var response = await http.PostAsJsonAsync(new Uri(front, "/api/v1/waitlist"), new
                {
                    procedure = HotDayRun.Procedure,
                    near = Cusco,
                    radiusKm = 30,
                    from = HotDayRun.Format(day),
                    to = HotDayRun.Format(day),
                    applicant = new { documentType = "CPP", documentNumber = number, country = "VE", fullName = "Jose Luis Perez" },
                });
                statuses[i] = (int)response.StatusCode;
                states[i] = response.IsSuccessStatusCode
                    ? (await response.Content.ReadFromJsonAsync<JoinAnswer>())?.Status ?? "?"
                    : string.Empty;
            }
            catch (HttpRequestException)
            {
                statuses[i] = 0;
            }
        });
        return (elapsed, latencies, statuses, states);
    }

    private sealed record JoinAnswer(string Status, int? Position);
}
