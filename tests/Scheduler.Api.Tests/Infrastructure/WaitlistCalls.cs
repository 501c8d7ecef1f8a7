using Scheduler.Api.Models;

namespace Scheduler.Api.Tests.Infrastructure;

/// <summary>The waitlist routes as an applicant calls them.</summary>
public static class WaitlistCalls
{
    public const string WaitlistUri = "/api/v1/waitlist";

    /// <summary>Waiting for a cpp-biometrics seat within <paramref name="radiusKm"/> of <paramref name="near"/> on one date.</summary>
    public static WaitlistRequest Near(string near, DateOnly date, ApplicantRequest? applicant = null, double radiusKm = 30) =>
        new(Bookings.Biometrics, near, radiusKm, date.Text(), date.Text(), applicant ?? Applicants.Next());

    public static Task<HttpResponseMessage> JoinWaitlistAsync(this HttpClient http, WaitlistRequest body) =>
        http.PostAsJsonAsync(WaitlistUri, body);

    /// <summary>Joins and asserts 201 with a Location naming the entry.</summary>
    public static async Task<WaitlistResponse> JoinedAsync(this HttpClient http, WaitlistRequest body)
    {
        using var response = await http.JoinWaitlistAsync(body);
        var entry = await ApiCalls.ReadAsync<WaitlistResponse>(response, HttpStatusCode.Created);
        Assert.Equal($"{WaitlistUri}/{entry.Id}", response.Headers.Location?.OriginalString);
        return entry;
    }

    public static Task<HttpResponseMessage> GetWaitlistEntryAsync(this HttpClient http, string id, string documentNumber)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"{WaitlistUri}/{id}");
        request.Headers.Add(ApiCalls.DocumentNumberHeader, documentNumber);
        return http.SendAsync(request);
    }

    /// <summary>Reads an entry and asserts 200.</summary>
    public static async Task<WaitlistResponse> WaitlistEntryAsync(this HttpClient http, string id, string documentNumber)
    {
        using var response = await http.GetWaitlistEntryAsync(id, documentNumber);
        return await ApiCalls.ReadAsync<WaitlistResponse>(response);
    }

    public static Task<HttpResponseMessage> LeaveWaitlistAsync(this HttpClient http, string id, string documentNumber)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, $"{WaitlistUri}/{id}");
        request.Headers.Add(ApiCalls.DocumentNumberHeader, documentNumber);
        return http.SendAsync(request);
    }
}
