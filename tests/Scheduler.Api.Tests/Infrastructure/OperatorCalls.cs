using System.Globalization;
using Scheduler.Api.Models;

namespace Scheduler.Api.Tests.Infrastructure;

/// <summary>The operator routes as a client with an operator token calls them.</summary>
public static class OperatorCalls
{
    public const string TransfersUri = "/api/v1/admin/capacity/transfers";

    public static string CapacityUri(string officeId) => $"/api/v1/admin/offices/{officeId}/capacity";

    public static string ClosuresUri(string officeId) => $"/api/v1/admin/offices/{officeId}/closures";

    public static string UtilizationUri(DateOnly from, DateOnly to, string procedure = Bookings.Biometrics) =>
        $"/api/v1/admin/utilization?procedure={procedure}&from={from.Text()}&to={to.Text()}";

    public static Task<HttpResponseMessage> SetCapacityAsync(this HttpClient http, string officeId, CapacityRequest body) =>
        http.PutAsJsonAsync(CapacityUri(officeId), body);

    /// <summary>Changes capacity and asserts 200.</summary>
    public static async Task<CapacityResponse> CapacityChangedAsync(this HttpClient http, string officeId, CapacityRequest body)
    {
        using var response = await http.SetCapacityAsync(officeId, body);
        return await ApiCalls.ReadAsync<CapacityResponse>(response);
    }

    /// <summary>Sets an office's cpp-biometrics counters to 0 on <paramref name="date"/> (a day without bookings there), so nothing is free there.</summary>
    public static async Task CloseBiometricsAsync(this HttpClient http, string officeId, DateOnly date)
    {
        var change = await http.CapacityChangedAsync(officeId, OperatorRequests.Capacity(date, 0, relocate: false));
        Assert.Empty(change.Relocated);
    }

    public static Task<HttpResponseMessage> CloseDayAsync(this HttpClient http, string officeId, ClosureRequest body) =>
        http.PostAsJsonAsync(ClosuresUri(officeId), body);

    /// <summary>Sends <paramref name="body"/> with <paramref name="method"/> to <paramref name="uri"/> carrying an <c>Idempotency-Key</c>.</summary>
    public static Task<HttpResponseMessage> SendWithKeyAsync<T>(this HttpClient http, HttpMethod method, string uri, T body, string key)
    {
        var request = new HttpRequestMessage(method, uri) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return http.SendAsync(request);
    }

    public static Task<HttpResponseMessage> TransferAsync(this HttpClient http, TransferRequestBody body) =>
        http.PostAsJsonAsync(TransfersUri, body);

    public static Task<UtilizationResponse?> UtilizationAsync(this HttpClient http, DateOnly from, DateOnly to) =>
        http.GetFromJsonAsync<UtilizationResponse>(UtilizationUri(from, to));

    /// <summary>The audit trail from <paramref name="from"/> until now.</summary>
    public static Task<AuditEntryResponse[]?> AuditAsync(this HttpClient http, DateTimeOffset from) =>
        http.GetFromJsonAsync<AuditEntryResponse[]>(
            "/api/v1/admin/audit?from=" + from.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
}
