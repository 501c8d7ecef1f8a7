using System.Net.Http.Headers;
using Scheduler.Api.Models;

namespace Scheduler.Api.Tests;

/// <summary>
/// Abuse limits: a script booking with invented document numbers from one address is mostly refused; people behind
/// a trusted proxy each have their own quota; a forged X-Forwarded-For buys nothing; a booking front end with its
/// own credentials is not one address; one document cannot be hammered from many addresses.
/// </summary>
public sealed class LimitsApiTests
{
    private readonly DateOnly day = BookingDays.Booking;

    [Fact]
    public async Task Two_hundred_bookings_with_distinct_documents_from_one_address_in_ten_seconds_are_mostly_refused()
    {
        await SchedulerApiFactory.RunWithAsync(new Dictionary<string, string> { ["Scheduler:Limits:Enabled"] = "true" }, async host =>
        {
            var http = host.CreateClient();

            var answers = await BookManyAsync(http, 200, _ => null);

            Assert.True(answers.Count(a => a.Status == HttpStatusCode.TooManyRequests) >= 150, Describe(answers));
            Assert.InRange(answers.Count(a => a.Status == HttpStatusCode.Created), 1, 40);
            Assert.All(answers.Where(a => a.Status == HttpStatusCode.TooManyRequests), a => Assert.True(a.RetryAfter >= TimeSpan.FromSeconds(1)));
        });
    }

    [Fact]
    public async Task A_forged_X_Forwarded_For_from_an_untrusted_sender_buys_nothing()
    {
        await SchedulerApiFactory.RunWithAsync(new Dictionary<string, string> { ["Scheduler:Limits:Enabled"] = "true" }, async host =>
        {
            var answers = await BookManyAsync(host.CreateClient(), 100, i => $"198.18.{i / 250}.{(i % 250) + 1}");

            Assert.True(answers.Count(a => a.Status == HttpStatusCode.TooManyRequests) >= 75, Describe(answers));
        });
    }

    [Fact]
    public async Task People_behind_a_trusted_proxy_each_have_their_own_quota_but_one_document_cannot_be_hammered_from_many()
    {
        await SchedulerApiFactory.RunWithAsync(new Dictionary<string, string> { ["Scheduler:Limits:Enabled"] = "true", ["Scheduler:Limits:TrustedProxies:0"] = "127.0.0.1" }, async host =>
        {
            var http = host.CreateClient();

            var people = await BookManyAsync(http, 100, i => $"198.18.{i / 250}.{(i % 250) + 1}");
            var sameDocument = new List<HttpStatusCode>();
            var holder = Applicants.Next();
            for (var i = 0; i < 25; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/appointments/recover")
                {
                    Content = JsonContent.Create(new RecoverRequest(holder.DocumentType, holder.DocumentNumber, holder.Country, null)),
                };
                request.Headers.Add("X-Forwarded-For", $"198.19.0.{i + 1}");
                using var response = await http.SendAsync(request);
                sameDocument.Add(response.StatusCode);
            }

            Assert.True(people.All(a => a.Status == HttpStatusCode.Created), Describe(people));
            Assert.Equal(Enumerable.Repeat(HttpStatusCode.Accepted, 20), sameDocument.Take(20));
            Assert.Equal(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 5), sameDocument.Skip(20));
        });
    }

    [Fact]
    public async Task A_booking_front_end_with_its_own_credentials_is_not_one_address()
    {
        await SchedulerApiFactory.RunWithAsync(new Dictionary<string, string> { ["Scheduler:Limits:Enabled"] = "true" }, async host =>
        {
            var kiosk = host.CreateClient();
            kiosk.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.Tokens.ApiClient("kiosk-network-lima"));

            var answers = await BookManyAsync(kiosk, 100, _ => null);

            Assert.True(answers.All(a => a.Status == HttpStatusCode.Created), Describe(answers));
        });
    }

    [Fact]
    public async Task With_the_limits_switched_off_one_address_books_as_much_as_it_likes()
    {
        await SchedulerApiFactory.RunWithAsync(new Dictionary<string, string> { ["Scheduler:Limits:Enabled"] = "false" }, async host =>
        {
            var answers = await BookManyAsync(host.CreateClient(), 100, _ => null);

            Assert.True(answers.All(a => a.Status == HttpStatusCode.Created), Describe(answers));
        });
    }

    private async Task<IReadOnlyList<(HttpStatusCode Status, TimeSpan? RetryAfter)>> BookManyAsync(HttpClient http, int count, Func<int, string?> forwardedFor)
    {
        var answers = new List<(HttpStatusCode, TimeSpan?)>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/appointments")
            {
                Content = JsonContent.Create(Bookings.At(i % 2 == 0 ? "lim-brena" : "lim-sjl", day, null)),
            };
            if (forwardedFor(i) is { } address)
            {
                request.Headers.Add("X-Forwarded-For", address);
            }

            using var response = await http.SendAsync(request);
            answers.Add((response.StatusCode, response.Headers.RetryAfter?.Delta));
        }

        return answers;
    }

    private static string Describe(IReadOnlyList<(HttpStatusCode Status, TimeSpan? RetryAfter)> answers) =>
        string.Join(", ", answers.GroupBy(a => a.Status).Select(g => $"{(int)g.Key}: {g.Count()}"));
}
