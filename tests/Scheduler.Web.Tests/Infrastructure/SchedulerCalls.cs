using System.Net.Http.Headers;

namespace Scheduler.Web.Tests.Infrastructure;

/// <summary>Calls to the scheduler's HTTP API that arrange a test or check what a page did, as any API client would.</summary>
public sealed class SchedulerCalls(WebHostFactory host) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = host.Address };

    public const string Procedure = "cpp-biometrics";

    /// <summary>The first day from <paramref name="daysAhead"/> days on when <paramref name="officeId"/> has at least <paramref name="seats"/> free seats, and its first free slot.</summary>
    public async Task<(string Date, string Start)> OpenDayAsync(string officeId, int daysAhead, int seats = 1)
    {
        var from = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(-5)).AddDays(daysAhead);
        var url = $"/api/v1/offices/{officeId}/availability?procedure={Procedure}&from={from:yyyy-MM-dd}&to={from.AddDays(20):yyyy-MM-dd}";
        var availability = await http.GetFromJsonAsync<JsonElement>(url);
        foreach (var day in availability.GetProperty("days").EnumerateArray())
        {
            if (day.GetProperty("free").GetInt32() >= seats)
            {
                var slot = day.GetProperty("slots").EnumerateArray().First(s => s.GetProperty("free").GetInt32() > 0);
                return (day.GetProperty("date").GetString()!, slot.GetProperty("start").GetString()!);
            }
        }

        throw new InvalidOperationException($"{officeId} has no day with {seats} free seats from {from}.");
    }

    /// <summary>Books through the API and answers the code.</summary>
    public async Task<string> BookAsync(string officeId, string date, string? start, string documentNumber, string fullName, string? email = null)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/appointments", new
        {
            procedure = Procedure,
            officeId,
            date,
            start,
            applicant = new { documentType = "PASSPORT", documentNumber, country = "VE", fullName, email },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"booking at {officeId} {date} {start}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    /// <summary>The appointment as its owner reads it.</summary>
    public async Task<JsonElement> AppointmentAsync(string code, string documentNumber)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/appointments/{code}");
        request.Headers.Add("X-Document-Number", documentNumber);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A GET with an operator's token.</summary>
    public async Task<JsonElement> OperatorGetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Tokens.Operator("ana.operator"));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>An operator's call with a JSON body (or none); answers the status and the body as text.</summary>
    public async Task<(HttpStatusCode Status, string Body)> OperatorSendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Tokens.Operator("ana.operator"));
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public HttpClient Http => http;

    public void Dispose() => http.Dispose();
}
