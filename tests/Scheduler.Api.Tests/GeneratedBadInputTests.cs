using System.Diagnostics;
using Scheduler.Api.Models;
using Xunit.Abstractions;

namespace Scheduler.Api.Tests;

/// <summary>
/// Invariant 6 at scale: 10,000 malformed requests generated from the API's own OpenAPI document, spread over
/// every operation, anonymous and with operator, role-less and forged tokens, under any Accept header. None gets a
/// 5xx, every one gets a 4xx problem (application/problem+json), and nothing stored changes: availability,
/// rosters, capacity, utilisation, a known appointment and the audit trail read back identical.
/// </summary>
[Collection(SchedulerApiCollection.Name)]
public sealed class GeneratedBadInputTests(SchedulerApiFactory api, ITestOutputHelper output)
{
    private const int Requests = 10_000;
    private const int Seed = 20_261_127;
    private const int InFlight = 8;
    private readonly HttpClient http = api.CreateClient();
    private readonly HttpClient operatorClient = api.CreateClient(api.Tokens.Operator());
    private readonly DateOnly day = BookingDays.GeneratedBadInput;

    [Fact]
    public async Task Ten_thousand_malformed_requests_on_every_route_get_4xx_problems_and_change_nothing()
    {
        var applicant = Applicants.Next();
        var known = await http.BookedAsync(Bookings.At("lim-brena", day, "09:00", applicant));
        var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json")).RootElement.Clone();
        var generator = new BadRequestGenerator(document, api.Tokens, day, Seed);
        var cases = Enumerable.Range(0, Requests).Select(i => generator.Next(generator.Operations[i % generator.Operations.Count])).ToArray();
        var before = await SnapshotAsync(known.Code, applicant.DocumentNumber!);
        var since = DateTimeOffset.UtcNow;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (@case, cancellationToken) =>
        {
            using var request = @case.Request;
            using var response = await http.SendAsync(request, cancellationToken);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            if (await FaultOfAsync(response) is { } fault)
            {
                failures.Enqueue($"{@case.Description} -> {fault}");
            }
        });

        var elapsed = clock.Elapsed;
        output.WriteLine($"{Requests} requests in {elapsed.TotalSeconds:F1} s over {generator.Operations.Count} operations: " +
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value}")));
        Assert.True(failures.IsEmpty, $"{failures.Count} of {Requests} (seed {Seed}) were not 4xx problems, e.g.:\n" + string.Join("\n", failures.Take(15)));
        Assert.All(generator.Operations, o => Assert.Contains(cases, c => c.Operation == o));
        Assert.All(generator.Operations.Where(o => o.IsOperatorRoute), o =>
            Assert.All(Enum.GetValues<BadRequestGenerator.Credential>(), credential => Assert.Contains(cases, c => c.Operation == o && c.Credential == credential)));
        Assert.True(generator.Operations.Count >= 18, $"the document lists {generator.Operations.Count} operations, fewer than the 18 this API has");
        Assert.Equal(before, await SnapshotAsync(known.Code, applicant.DocumentNumber!));
        Assert.Empty((await operatorClient.AuditAsync(since))!);
        Assert.True(elapsed < TimeSpan.FromSeconds(90), $"{Requests} requests took {elapsed}");
    }

    /// <summary>Null for a 4xx problem whose body states the same status; otherwise what is wrong with the answer.</summary>
    private static async Task<string?> FaultOfAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        if (status is < 400 or >= 500)
        {
            return $"{status}: {Shorten(body)}";
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}: {Shorten(body)}";
        }

        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            return problem.TryGetProperty("status", out var stated) && stated.GetInt32() == status && problem.TryGetProperty("type", out _)
                ? null
                : $"{status} with a problem that does not state it: {Shorten(body)}";
        }
        catch (JsonException)
        {
            return $"{status} with a body that is not JSON: {Shorten(body)}";
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";

    /// <summary>What any accepted change would show: seats, plans, counters, utilisation, the known appointment.</summary>
    private async Task<string> SnapshotAsync(string code, string documentNumber)
    {
        var parts = new List<string>
        {
            await http.GetStringAsync(ApiCalls.AvailabilityUri("lim-brena", day, day)),
            await http.GetStringAsync(ApiCalls.AvailabilityUri("lim-sjl", day, day)),
            await operatorClient.GetStringAsync($"/api/v1/admin/offices/lim-brena/appointments?date={day.Text()}"),
            await operatorClient.GetStringAsync($"/api/v1/admin/offices/lim-sjl/appointments?date={day.Text()}"),
            JsonSerializer.Serialize(await http.AppointmentAsync(code, documentNumber)),
        };
        var window = $"from={BookingDays.Today.Text()}&to={BookingDays.Today.AddDays(BookingDays.HorizonDays).Text()}";
        foreach (var procedure in (await http.GetFromJsonAsync<ProcedureResponse[]>("/api/v1/procedures"))!)
        {
            parts.Add(await operatorClient.GetStringAsync($"/api/v1/admin/utilization?procedure={procedure.Id}&{window}"));
        }

        foreach (var office in (await http.GetFromJsonAsync<OfficeResponse[]>("/api/v1/offices?limit=500"))!)
        {
            parts.Add(await http.GetStringAsync($"/api/v1/offices/{office.Id}"));
        }

        return string.Join("\n", parts);
    }
}
