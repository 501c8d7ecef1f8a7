using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Scheduler.LoadTests.Contract;
using Scheduler.LoadTests.Measurement;

namespace Scheduler.LoadTests.Http;

/// <summary>
/// The scheduler's HTTP contract as calls. Every exchange is timed from the moment the caller meant to
/// send it and, when a recorder is given, counted by kind and outcome.
/// </summary>
/// <remarks>
/// Built to cost the load generator little per request, since it shares the machine's cores with the
/// scheduler it measures: requests go straight to the <see cref="HttpMessageInvoker"/> (no
/// <see cref="HttpClient"/> cancellation source per request), bodies are source-generated JSON bytes,
/// answers stay UTF-8 bytes (a problem's <c>type</c> is found by scanning them), time-outs are shared per
/// 100 ms (<see cref="TimeoutBuckets"/>), the text of a failing exchange is only built for the first
/// of its kind and outcome (the error sample of the report), and, given <paramref name="gates"/>, a
/// request waits for a connection in a <see cref="ConnectionGate"/> rather than in the handler's pool.
/// </remarks>
public sealed class SchedulerApiClient(HttpMessageInvoker http, RunClock clock, RunRecorder? recorder, TimeSpan timeout, ConnectionGates? gates = null)
{
    private TimeoutBuckets? _buckets;

    public RunClock Clock => clock;

    /// <summary>From now on, requests made with <paramref name="run"/> share time-out sources (see <see cref="TimeoutBuckets"/>).</summary>
    public void ShareTimeouts(CancellationToken run) => _buckets = new TimeoutBuckets(clock, timeout, run);

    public Task<ApiResponse> ProceduresAsync(Uri baseUri, CancellationToken ct) =>
        SendAsync(RequestKind.Search, () => new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, "api/v1/procedures")), clock.Now, ct);

    public Task<ApiResponse> OfficesAsync(Uri baseUri, string procedure, CancellationToken ct) =>
        SendAsync(RequestKind.Search, () => new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, $"api/v1/offices?procedure={Esc(procedure)}&limit=500")), clock.Now, ct);

    public static Func<HttpRequestMessage> Earliest(Uri baseUri, string procedure, string near, double radiusKm, string from, int limit)
    {
        var uri = new Uri(baseUri,
            $"api/v1/availability/earliest?procedure={Esc(procedure)}&near={Esc(near)}&radiusKm={radiusKm.ToString("0.#", CultureInfo.InvariantCulture)}&from={from}&limit={limit}");
        return () => new HttpRequestMessage(HttpMethod.Get, uri);
    }

    public static Func<HttpRequestMessage> Availability(Uri baseUri, string officeId, string procedure, string from, string to)
    {
        var uri = new Uri(baseUri, $"api/v1/offices/{Esc(officeId)}/availability?procedure={Esc(procedure)}&from={from}&to={to}");
        return () => new HttpRequestMessage(HttpMethod.Get, uri);
    }

    public static Func<HttpRequestMessage> Book(Uri baseUri, BookingRequest body, string idempotencyKey)
    {
        var uri = new Uri(baseUri, "api/v1/appointments");
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Default.BookingRequest);
        return () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent(bytes) };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
            return request;
        };
    }

    public static Func<HttpRequestMessage> Read(Uri baseUri, string code, string documentNumber)
    {
        var uri = new Uri(baseUri, $"api/v1/appointments/{Esc(code)}");
        return () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.TryAddWithoutValidation("X-Document-Number", documentNumber);
            return request;
        };
    }

    public static Func<HttpRequestMessage> Reschedule(Uri baseUri, string code, string documentNumber, RescheduleRequest body)
    {
        var uri = new Uri(baseUri, $"api/v1/appointments/{Esc(code)}/reschedule");
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Default.RescheduleRequest);
        return () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent(bytes) };
            request.Headers.TryAddWithoutValidation("X-Document-Number", documentNumber);
            return request;
        };
    }

    public static Func<HttpRequestMessage> Cancel(Uri baseUri, string code, string documentNumber)
    {
        var uri = new Uri(baseUri, $"api/v1/appointments/{Esc(code)}");
        return () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Delete, uri);
            request.Headers.TryAddWithoutValidation("X-Document-Number", documentNumber);
            return request;
        };
    }

    public static Func<HttpRequestMessage> Roster(Uri baseUri, string officeId, string date, string token) => () =>
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, $"api/v1/admin/offices/{Esc(officeId)}/appointments?date={date}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    };

    /// <summary><c>PUT /api/v1/admin/offices/{officeId}/capacity</c> with an operator token.</summary>
    public static Func<HttpRequestMessage> SetCapacity(Uri baseUri, string officeId, CapacityRequest body, string token)
    {
        var uri = new Uri(baseUri, $"api/v1/admin/offices/{Esc(officeId)}/capacity");
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Default.CapacityRequest);
        return () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, uri) { Content = JsonContent(bytes) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return request;
        };
    }

    /// <summary><c>PUT /api/v1/admin/procedures/{procedureId}/allocation</c> with an operator token.</summary>
    public static Func<HttpRequestMessage> SetAllocation(Uri baseUri, string procedure, AllocationRequest body, string token) =>
        OperatorPut(new Uri(baseUri, $"api/v1/admin/procedures/{Esc(procedure)}/allocation"), JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Default.AllocationRequest), token);

    /// <summary><c>PUT /api/v1/admin/procedures/{procedureId}/reserves</c> with an operator token.</summary>
    public static Func<HttpRequestMessage> SetReserves(Uri baseUri, string procedure, ReservesRequest body, string token) =>
        OperatorPut(new Uri(baseUri, $"api/v1/admin/procedures/{Esc(procedure)}/reserves"), JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Default.ReservesRequest), token);

    /// <summary><c>PUT /api/v1/admin/procedures/{procedureId}/programme</c> with an operator token.</summary>
    public static Func<HttpRequestMessage> SetProgramme(Uri baseUri, string procedure, ProgrammeRequest body, string token) =>
        OperatorPut(new Uri(baseUri, $"api/v1/admin/procedures/{Esc(procedure)}/programme"), JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Default.ProgrammeRequest), token);

    /// <summary><c>POST /api/v1/admin/procedures/{procedureId}/batches</c> (run a batch now) with an operator token.</summary>
    public static Func<HttpRequestMessage> RunBatch(Uri baseUri, string procedure, string token)
    {
        var uri = new Uri(baseUri, $"api/v1/admin/procedures/{Esc(procedure)}/batches");
        return () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return request;
        };
    }

    /// <summary><c>POST /api/v1/requests</c> with an <c>Idempotency-Key</c> (the same on every retry).</summary>
    public static Func<HttpRequestMessage> File(Uri baseUri, FilingRequest body, string idempotencyKey)
    {
        var uri = new Uri(baseUri, "api/v1/requests");
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Default.FilingRequest);
        return () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent(bytes) };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
            return request;
        };
    }

    /// <summary><c>GET /api/v1/requests/{id}</c> with the document number as proof of ownership.</summary>
    public static Func<HttpRequestMessage> ReadRequest(Uri baseUri, string id, string documentNumber)
    {
        var uri = new Uri(baseUri, $"api/v1/requests/{Esc(id)}");
        return () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.TryAddWithoutValidation("X-Document-Number", documentNumber);
            return request;
        };
    }

    private static Func<HttpRequestMessage> OperatorPut(Uri uri, byte[] bytes, string token) => () =>
    {
        var request = new HttpRequestMessage(HttpMethod.Put, uri) { Content = JsonContent(bytes) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    };

    /// <summary>
    /// Sends one request, retrying retryable failures (429, 503, time-outs, connection errors) with
    /// backoff until <paramref name="giveUpAt"/> (run seconds) or the attempt limit. The factory is called
    /// per attempt, so an <c>Idempotency-Key</c> it sets is the same on every retry.
    /// <paramref name="keepBody"/> false: a successful answer's body is read and dropped (the caller only
    /// needs the status); failing answers keep theirs.
    /// </summary>
    public async Task<ApiResponse> SendWithRetriesAsync(
        RequestKind kind, Func<HttpRequestMessage> build, double intendedStart, RetryPolicy policy, double giveUpAt, Random random, CancellationToken ct, bool keepBody = true)
    {
        var attempt = 0;
        while (true)
        {
            attempt++;
            var response = await SendAsync(kind, build, intendedStart, ct, keepBody);
            if (!CallOutcome.IsRetryable(response.Outcome) || attempt >= policy.MaxAttempts)
            {
                return attempt == 1 ? response : response with { Attempts = attempt };
            }

            var delay = policy.DelayAfter(attempt, response.RetryAfter, random);
            var resumeAt = clock.Now + delay.TotalSeconds;
            if (resumeAt > giveUpAt)
            {
                return response with { Attempts = attempt };
            }

            recorder?.RecordRetry();
            await clock.SleepUntil(resumeAt, ct);
            ct.ThrowIfCancellationRequested();
            intendedStart = resumeAt;
        }
    }

    /// <summary>One exchange, never throwing for HTTP or network trouble (only for cancellation of the run).</summary>
    public async Task<ApiResponse> SendAsync(RequestKind kind, Func<HttpRequestMessage> build, double intendedStart, CancellationToken ct, bool keepBody = true)
    {
        using var request = build();
        CancellationTokenSource? own = null;
        CancellationToken token;
        if (_buckets is { } buckets && ct == buckets.Run)
        {
            token = buckets.Token();
        }
        else
        {
            own = CancellationTokenSource.CreateLinkedTokenSource(ct);
            own.CancelAfter(timeout);
            token = own.Token;
        }

        // The gate's wait is part of the exchange: it counts as latency and the time-out covers it.
        var gate = gates?.For(request.RequestUri!);
        var entered = false;
        ApiResponse result;
        double finishedAt;
        try
        {
            if (gate is not null)
            {
                await gate.EnterAsync(token);
                entered = true;
            }

            using var response = await http.SendAsync(request, token);
            var status = (int)response.StatusCode;
            if (!keepBody && status is >= 200 and < 300)
            {
                await DrainAsync(response.Content, token);
                result = new ApiResponse(kind, status, CallOutcome.Ok, ReadOnlyMemory<byte>.Empty, null);
            }
            else
            {
                var body = await response.Content.ReadAsByteArrayAsync(token);
                var problemName = status >= 400 ? ApiResponse.ProblemName(body) : null;
                var retryAfter = status is 429 or 503 ? RetryAfter(response) : null;
                result = new ApiResponse(kind, status, CallOutcome.Classify(status, problemName), body, retryAfter);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            result = new ApiResponse(kind, null, CallOutcome.Timeout, ReadOnlyMemory<byte>.Empty, null);
        }
        catch (HttpRequestException e)
        {
            result = new ApiResponse(kind, null, CallOutcome.ConnectionError, ReadOnlyMemory<byte>.Empty, null) { Error = e.Message };
        }
        catch (IOException e)
        {
            // The connection broke while the body was being read.
            result = new ApiResponse(kind, null, CallOutcome.ConnectionError, ReadOnlyMemory<byte>.Empty, null) { Error = e.Message };
        }
        finally
        {
            own?.Dispose();

            // Read before leaving: the next request, sent from this thread as the place is handed on,
            // is not this one's time.
            finishedAt = clock.Now;
            if (entered)
            {
                gate!.Leave();
            }
        }

        if (recorder is not null)
        {
            recorder.RecordRequest(kind, result.Outcome, intendedStart, finishedAt);
            if (recorder.WantsErrorSample(kind, result.Outcome))
            {
                var sent = request.Content is null ? "" : await request.Content.ReadAsStringAsync(CancellationToken.None);
                recorder.RecordErrorSample(kind, result.Outcome, result.Status, $"{request.Method} {request.RequestUri?.PathAndQuery} {sent} -> {result.BodyText}");
            }
        }

        return result;
    }

    private static async Task DrainAsync(HttpContent content, CancellationToken token)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            await using var stream = await content.ReadAsStreamAsync(token);
            while (await stream.ReadAsync(buffer, token) > 0)
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
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

    private static ByteArrayContent JsonContent(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return content;
    }

    private static string Esc(string value) => Uri.EscapeDataString(value);
}
