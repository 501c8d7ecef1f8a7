using Scheduler.Api.Models;

namespace Scheduler.Api.Tests.Infrastructure;

/// <summary>The HTTP contract's calls, as a test client makes them.</summary>
public static class ApiCalls
{
    public const string DocumentNumberHeader = "X-Document-Number";
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static Task<HttpResponseMessage> BookAsync(this HttpClient http, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/appointments") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        }

        return http.SendAsync(request);
    }

    /// <summary>Books and asserts 201.</summary>
    public static async Task<AppointmentResponse> BookedAsync(this HttpClient http, BookAppointmentRequest body)
    {
        using var response = await http.BookAsync(body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<AppointmentResponse>())!;
    }

    public static Task<HttpResponseMessage> GetAppointmentAsync(this HttpClient http, string code, string? documentNumber) =>
        http.SendAsync(WithDocument(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/appointments/{code}"), documentNumber));

    /// <summary>Reads an appointment and asserts 200.</summary>
    public static async Task<AppointmentResponse> AppointmentAsync(this HttpClient http, string code, string documentNumber)
    {
        using var response = await http.GetAppointmentAsync(code, documentNumber);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AppointmentResponse>())!;
    }

    public static Task<HttpResponseMessage> RescheduleAsync(this HttpClient http, string code, string? documentNumber, RescheduleRequest body) =>
        http.SendAsync(WithDocument(
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/appointments/{code}/reschedule") { Content = JsonContent.Create(body) }, documentNumber));

    public static Task<HttpResponseMessage> CancelAsync(this HttpClient http, string code, string? documentNumber) =>
        http.SendAsync(WithDocument(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/appointments/{code}"), documentNumber));

    public static string AvailabilityUri(string officeId, DateOnly from, DateOnly to, string procedure = Bookings.Biometrics) =>
        $"/api/v1/offices/{officeId}/availability?procedure={procedure}&from={from.Text()}&to={to.Text()}";

    /// <summary>One day's availability; null when the day has no free seat (or is closed).</summary>
    public static async Task<DayResponse?> DayAsync(this HttpClient http, string officeId, DateOnly date, string procedure = Bookings.Biometrics)
    {
        var availability = await http.GetFromJsonAsync<AvailabilityResponse>(AvailabilityUri(officeId, date, date, procedure));
        return availability!.Days.SingleOrDefault(d => d.Date == date.Text());
    }

    /// <summary>Free seats in one slot as the availability shows them (0 when the whole day is full).</summary>
    public static async Task<int> FreeSeatsAsync(this HttpClient http, string officeId, DateOnly date, string start)
    {
        var day = await http.DayAsync(officeId, date);
        return day?.Slots.Single(s => s.Start == start).Free ?? 0;
    }

    /// <summary>The raw availability document of one day, to compare before and after.</summary>
    public static Task<string> AvailabilityTextAsync(this HttpClient http, string officeId, DateOnly date) =>
        http.GetStringAsync(AvailabilityUri(officeId, date, date));

    /// <summary>An office's roster of one day (needs an operator token), read from the day inventories' memory.</summary>
    public static Task<RosterResponse?> RosterAsync(this HttpClient http, string officeId, DateOnly date) =>
        http.GetFromJsonAsync<RosterResponse>($"/api/v1/admin/offices/{officeId}/appointments?date={date.Text()}");

    /// <summary>A body sent exactly as written, as application/json.</summary>
    public static StringContent RawJson(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    /// <summary>Asserts <paramref name="status"/> (200 unless told) and reads the body.</summary>
    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, JsonSerializerOptions.Web)!;
    }

    private static HttpRequestMessage WithDocument(HttpRequestMessage request, string? documentNumber)
    {
        if (documentNumber is not null)
        {
            request.Headers.Add(DocumentNumberHeader, documentNumber);
        }

        return request;
    }
}
