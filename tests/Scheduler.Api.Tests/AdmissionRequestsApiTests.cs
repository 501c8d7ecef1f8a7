using Scheduler.Api.Models;
using Scheduler.Domain.Admission;

namespace Scheduler.Api.Tests;

/// <summary>
/// Filing an allocation request (<c>POST /api/v1/requests</c>, a procedure in batch mode) is a booking-like route: while
/// the procedure's admission is on it needs an admitted token, good for one request and its retries. A host of its
/// own (<see cref="AdmissionHost"/>: it switches admission and batch mode on for cpp-card-pickup).
/// </summary>
public sealed class AdmissionRequestsApiTests(AdmissionHost host) : IClassFixture<AdmissionHost>
{
    private const string Pickup = "cpp-card-pickup";
    private const string Cusco = "-13.5320,-71.9675";
    private readonly HttpClient anonymous = host.Api.CreateClient();
    private readonly HttpClient operatorClient = host.Api.CreateClient(host.Api.Tokens.Operator());

    [Fact]
    public async Task While_admission_is_on_filing_a_request_needs_an_admitted_token_and_a_refused_filing_files_nothing()
    {
        using (var mode = await operatorClient.PutAsJsonAsync($"/api/v1/admin/procedures/{Pickup}/allocation", new AllocationBody("batch", null, true, "scarcity")))
        {
            Assert.Equal("batch", (await ApiCalls.ReadAsync<AllocationResponse>(mode)).Mode);
        }

        await operatorClient.SetAdmissionAsync(Pickup, new AdmissionSettingsRequest(true, null, true, 1000));
        var applicant = Applicants.Next();
        try
        {
            var stranger = AdmissionTokens.Issue(AdmissionCalls.DevelopmentKey, AdmissionTicket.New(Pickup, 16), DateTimeOffset.UtcNow.AddMinutes(5));
            var elsewhere = AdmissionTokens.Issue(AdmissionCalls.DevelopmentKey, AdmissionTicket.New(Bookings.Biometrics, 16), DateTimeOffset.UtcNow.AddMinutes(5));
            foreach (var (presented, reason) in new[] { ((string?)null, "missing"), (stranger, "not-admitted"), (elsewhere, "another-procedure") })
            {
                var problem = await Problem.AssertAsync(await FileAsync(Request(applicant), presented, "filing-1"), HttpStatusCode.Forbidden, "admission-refused");
                Assert.Equal(reason, problem.GetProperty("reason").GetString());
            }

            // The refused filings filed nothing: the same applicant's request is accepted (not 409 already-requested).
            var token = await anonymous.AdmittedTokenAsync(Pickup);
            using var filed = await FileAsync(Request(applicant), token, "filing-1");
            var request = await ApiCalls.ReadAsync<RequestResponse>(filed, HttpStatusCode.Accepted);
            Assert.Equal("open", request.Status);

            // Its retry (same key) passes the token check again; another applicant's filing with that token is a second use.
            using var retried = await FileAsync(Request(applicant), token, "filing-1");
            Assert.Equal(request.Id, (await ApiCalls.ReadAsync<RequestResponse>(retried, HttpStatusCode.Accepted)).Id);
            var reused = await Problem.AssertAsync(await FileAsync(Request(Applicants.Next()), token, "filing-2"), HttpStatusCode.Forbidden, "admission-refused");
            Assert.Equal("reused", reused.GetProperty("reason").GetString());
        }
        finally
        {
            await operatorClient.SetAdmissionAsync(Pickup, new AdmissionSettingsRequest(false, null, true, null));
        }

        // Off again: a request is filed without a token.
        using var free = await FileAsync(Request(Applicants.Next()), null, null);
        Assert.Equal(HttpStatusCode.Accepted, free.StatusCode);
    }

    private static FileRequestBody Request(ApplicantRequest applicant) =>
        new(Pickup, applicant, Cusco, 30, ["jz-cusco"], BookingDays.Booking.Text(), BookingDays.Booking.Text());

    private Task<HttpResponseMessage> FileAsync(FileRequestBody body, string? token, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/requests") { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Add(AdmissionCalls.TokenHeader, token);
        }

        if (key is not null)
        {
            request.Headers.Add(ApiCalls.IdempotencyKeyHeader, key);
        }

        return anonymous.SendAsync(request);
    }
}
