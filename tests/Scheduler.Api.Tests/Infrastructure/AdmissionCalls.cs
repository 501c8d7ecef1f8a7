using Scheduler.Api.Models;
using Scheduler.Domain.Admission;

namespace Scheduler.Api.Tests.Infrastructure;

/// <summary>The waiting room's calls, as a client makes them (solving the challenge when asked).</summary>
public static class AdmissionCalls
{
    public const string Uri = "/api/v1/admission";
    public const string TokenHeader = "Admission-Token";

    /// <summary>The signing key of a host that configures none (tests forge and expire tokens with it).</summary>
    public static readonly byte[] DevelopmentKey = new Scheduler.Grains.Hosting.AdmissionOptions().SigningKeyBytes();

    public static string AdminUri(string procedure) => $"/api/v1/admin/procedures/{procedure}/admission";

    public static Task<HttpResponseMessage> JoinAsync(this HttpClient http, object body) => http.PostAsJsonAsync(Uri, body);

    /// <summary>Takes a place: asks, solves the challenge it is given (if any), asks again; asserts 201.</summary>
    public static async Task<AdmissionTicketResponse> JoinedAsync(this HttpClient http, string procedure = Bookings.Biometrics)
    {
        using var first = await http.JoinAsync(new AdmissionRequest(procedure, null, null));
        if (first.StatusCode == HttpStatusCode.Created)
        {
            return (await first.Content.ReadFromJsonAsync<AdmissionTicketResponse>())!;
        }

        var challenge = (await Problem.AssertAsync(first, (HttpStatusCode)428, "proof-of-work-required")).GetProperty("challenge").GetString()!;
        using var second = await http.JoinAsync(new AdmissionRequest(procedure, challenge, ProofOfWork.Solve(challenge)));
        Assert.True(second.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)second.StatusCode}: {await second.Content.ReadAsStringAsync()}");
        return (await second.Content.ReadFromJsonAsync<AdmissionTicketResponse>())!;
    }

    /// <summary>A challenge the host hands out (asserts the 428).</summary>
    public static async Task<string> ChallengeAsync(this HttpClient http, string procedure = Bookings.Biometrics)
    {
        using var response = await http.JoinAsync(new AdmissionRequest(procedure, null, null));
        return (await Problem.AssertAsync(response, (HttpStatusCode)428, "proof-of-work-required")).GetProperty("challenge").GetString()!;
    }

    public static async Task<AdmissionTicketResponse> TicketAsync(this HttpClient http, string ticket) =>
        (await http.GetFromJsonAsync<AdmissionTicketResponse>($"{Uri}/{ticket}"))!;

    /// <summary>Takes a place and polls until it is admitted; answers the token.</summary>
    public static async Task<string> AdmittedTokenAsync(this HttpClient http, string procedure = Bookings.Biometrics)
    {
        var ticket = await http.JoinedAsync(procedure);
        var admitted = await Eventually.ValueAsync(async () => await http.TicketAsync(ticket.Ticket) is { Status: "admitted" } t ? t : null);
        return admitted.Token!;
    }

    public static Task<HttpResponseMessage> BookWithTokenAsync(this HttpClient http, BookAppointmentRequest body, string? token, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/appointments") { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Add(TokenHeader, token);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add(ApiCalls.IdempotencyKeyHeader, idempotencyKey);
        }

        return http.SendAsync(request);
    }

    public static async Task<AdmissionStatusResponse> SetAdmissionAsync(this HttpClient operatorClient, string procedure, AdmissionSettingsRequest body)
    {
        using var response = await operatorClient.PutAsJsonAsync(AdminUri(procedure), body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<AdmissionStatusResponse>())!;
    }
}
