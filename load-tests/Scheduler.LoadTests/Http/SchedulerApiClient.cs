using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Scheduler.LoadTests.Contract;
using Scheduler.LoadTests.Measurement;

namespace Scheduler.LoadTests.Http;

/// <summary>
/// The scheduler's HTTP contract as calls. Every exchange is timed from the moment the caller meant to
/// send it and, when a recorder is given, counted by kind and outcome.
/// </summary>
public sealed class SchedulerApiClient(HttpClient http, RunClock clock, RunRecorder? recorder, TimeSpan timeout)
{
    public RunClock Clock => clock;

    public Task<ApiResponse> ProceduresAsync(Uri baseUri, CancellationToken ct) =>
        SendAsync(RequestKind.Search, () => new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, "api/v1/procedures")), clock.Now, ct);

    public Task<ApiResponse> OfficesAsync(Uri baseUri, string procedure, CancellationToken ct) =>
        SendAsync(RequestKind.Search, () => new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, $"api/v1/offices?procedure={Esc(procedure)}&limit=500")), clock.Now, ct);

    public static Func<HttpRequestMessage> Earliest(Uri baseUri, string procedure, string near, double radiusKm, string from, int limit) =>
        () => new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri,
            $"api/v1/availability/earliest?procedure={Esc(procedure)}&near={Esc(near)}&radiusKm={radiusKm.ToString("0.#", CultureInfo.InvariantCulture)}&from={from}&limit={limit}"));

    public static Func<HttpRequestMessage> Availability(Uri baseUri, string officeId, string procedure, string from, string to) =>
        () => new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri,
            $"api/v1/offices/{Esc(officeId)}/availability?procedure={Esc(procedure)}&from={from}&to={to}"));

    public static Func<HttpRequestMessage> Book(Uri baseUri, BookingRequest body, string idempotencyKey) => () =>
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "api/v1/appointments")) { Content = JsonBody(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    };

    public static Func<HttpRequestMessage> Read(Uri baseUri, string code, string documentNumber) => () =>
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, $"api/v1/appointments/{Esc(code)}"));
        request.Headers.Add("X-Document-Number", documentNumber);
        return request;
    };

    public static Func<HttpRequestMessage> Reschedule(Uri baseUri, string code, string documentNumber, RescheduleRequest body) => () =>
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, $"api/v1/appointments/{Esc(code)}/reschedule")) { Content = JsonBody(body) };
        request.Headers.Add("X-Document-Number", documentNumber);
        return request;
    };

    public static Func<HttpRequestMessage> Cancel(Uri baseUri, string code, string documentNumber) => () =>
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(baseUri, $"api/v1/appointments/{Esc(code)}"));
        request.Headers.Add("X-Document-Number", documentNumber);
        return request;
    };

    public static Func<HttpRequestMessage> Roster(Uri baseUri, string officeId, string date, string token) => () =>
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, $"api/v1/admin/offices/{Esc(officeId)}/appointments?date={date}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    };

    /// <summary>
    /// Sends one request, retrying retryable failures (429, 503, time-outs, connection errors) with
    /// backoff until <paramref name="giveUpAt"/> (run seconds) or the attempt limit. The factory is called
    /// per attempt, so an <c>Idempotency-Key</c> it sets is the same on every retry.
    /// </summary>
    public async Task<ApiResponse> SendWithRetriesAsync(
        RequestKind kind, Func<HttpRequestMessage> build, double intendedStart, RetryPolicy policy, double giveUpAt, Random random, CancellationToken ct)
    {
        var attempt = 0;
        while (true)
        {
            attempt++;
            var response = await SendAsync(kind, build, intendedStart, ct);
            if (!CallOutcome.IsRetryable(response.Outcome) || attempt >= policy.MaxAttempts)
            {
                return response with { Attempts = attempt };
            }

            var delay = policy.DelayAfter(attempt, response.RetryAfter, random);
            var resumeAt = clock.Now + delay.TotalSeconds;
            if (resumeAt > giveUpAt)
            {
                return response with { Attempts = attempt };
            }

            recorder?.RecordRetry();
            await clock.WaitUntil(resumeAt, ct);
            intendedStart = resumeAt;
        }
    }

    /// <summary>One exchange, never throwing for HTTP or network trouble (only for cancellation of the run).</summary>
    public async Task<ApiResponse> SendAsync(RequestKind kind, Func<HttpRequestMessage> build, double intendedStart, CancellationToken ct)
    {
        using var request = build();

        // Kept only to explain a failure in the report (the request bodies are small JSON documents).
        var sentBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        ApiResponse result;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            var status = (int)response.StatusCode;
            var problemName = status >= 400 ? ProblemName(body) : null;
            result = new ApiResponse(kind, status, CallOutcome.Classify(status, problemName), body, RetryAfter(response), response.Headers.Location?.ToString());
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            result = new ApiResponse(kind, null, CallOutcome.Timeout, null, null, null);
        }
        catch (HttpRequestException e)
        {
            result = new ApiResponse(kind, null, CallOutcome.ConnectionError, e.Message, null, null);
        }

        recorder?.RecordRequest(kind, result.Outcome, intendedStart, clock.Now);
        recorder?.RecordErrorSample(kind, result.Outcome, result.Status, $"{request.Method} {request.RequestUri?.PathAndQuery} {sentBody} -> {result.Body}");
        return result;
    }

    private static string? ProblemName(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("type", out var type)
                && type.ValueKind == JsonValueKind.String
                ? type.GetString()!.TrimEnd('/').Split('/')[^1]
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static StringContent JsonBody<T>(T body) =>
        new(JsonSerializer.Serialize(body, ApiResponse.Json), Encoding.UTF8, "application/json");

    private static string Esc(string value) => Uri.EscapeDataString(value);
}
