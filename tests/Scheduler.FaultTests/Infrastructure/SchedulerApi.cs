using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Scheduler.FaultTests.Infrastructure;

/// <summary>The HTTP contract as the tests use it, against any front door (each call names its base URL).</summary>
public sealed class SchedulerApi : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient http;
    private readonly string operatorToken;

    public SchedulerApi(string operatorToken)
    {
        this.operatorToken = operatorToken;
        http = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        })
        {
            // Each call has its own deadline (a hang must show up as a long elapsed time, not a client cut-off).
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>POST /api/v1/appointments with an Idempotency-Key; never throws, the outcome is in the attempt.</summary>
    /// <remarks>The key is <c>fault-{documentNumber}</c>: a replay of the same applicant's booking carries the same key.</remarks>
    public async Task<BookingAttempt> BookAsync(Uri front, PlannedBooking booking, Stopwatch clock, TimeSpan timeout, bool withIdempotencyKey = true)
    {
        var sentAt = clock.Elapsed;
        var watch = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(front, "/api/v1/appointments"));
            if (withIdempotencyKey)
            {
                request.Headers.Add("Idempotency-Key", "fault-" + booking.DocumentNumber);
            }

            request.Content = JsonContent.Create(new
            {
                procedure = booking.Target.Procedure,
                officeId = booking.Target.OfficeId,
                date = Format(booking.Target.Date),
                start = booking.Target.Start,
                applicant = new { documentType = "CPP", documentNumber = booking.DocumentNumber, country = "VE", fullName = "Maria Fernanda Rojas" },
            });
            using var response = await http.SendAsync(request, deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            var status = (int)response.StatusCode;
            string? problem = null, code = null, start = null;
            if (body.Length > 0 && body.TrimStart().StartsWith('{'))
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
                {
                    problem = type.GetString()!.Split('/')[^1];
                }

                if (status is >= 200 and < 300)
                {
                    code = root.GetProperty("code").GetString();
                    start = root.GetProperty("start").GetString();
                }
            }

            return new BookingAttempt(booking, front, sentAt, watch.Elapsed, status, problem, code, start, null);
        }
        catch (Exception failure) when (failure is HttpRequestException or OperationCanceledException or IOException or JsonException)
        {
            var error = failure is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0} s" : failure.GetType().Name + ": " + failure.Message;
            return new BookingAttempt(booking, front, sentAt, watch.Elapsed, null, null, null, null, error);
        }
    }

    /// <summary>GET /api/v1/appointments/{code} as its owner: the appointment, or null on 404; other answers throw.</summary>
    public async Task<AppointmentView?> GetAppointmentAsync(Uri front, string code, string documentNumber, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(front, $"/api/v1/appointments/{code}"));
        request.Headers.Add("X-Document-Number", documentNumber);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<AppointmentView>(Json, cancellationToken);
    }

    public async Task<RosterView> GetRosterAsync(Uri front, string officeId, DateOnly date, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(front, $"/api/v1/admin/offices/{officeId}/appointments?date={Format(date)}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", operatorToken);
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<RosterView>(Json, cancellationToken))!;
    }

    public async Task<AvailabilityView> GetAvailabilityAsync(
        Uri front, string officeId, DateOnly from, DateOnly to, string procedure = BookingTarget.Biometrics, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(
            new Uri(front, $"/api/v1/offices/{officeId}/availability?procedure={procedure}&from={Format(from)}&to={Format(to)}"), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<AvailabilityView>(Json, cancellationToken))!;
    }

    /// <summary>GET /metrics (Prometheus text) of a host.</summary>
    public async Task<string> GetMetricsTextAsync(Uri host, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri(host, "/metrics"), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>Ids of the offices that offer a procedure.</summary>
    public async Task<IReadOnlyList<string>> GetOfficeIdsAsync(Uri front, string procedure = BookingTarget.Biometrics, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri(front, $"/api/v1/offices?procedure={procedure}&limit=100"), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var list = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement : document.RootElement.GetProperty("offices");
        return list.EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToArray();
    }

    /// <summary>
    /// Runs a read until it answers: right after a fault a read may meet a 503 or a refused connection, which says
    /// nothing about what is stored. Gives up (rethrowing) after <paramref name="patience"/>.
    /// </summary>
    public static async Task<T> PatientlyAsync<T>(Func<Task<T>> read, TimeSpan patience)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await read();
            }
            catch (Exception failure) when (deadline.Elapsed < patience && failure is HttpRequestException or OperationCanceledException or UnavailableException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
    }

    public void Dispose() => http.Dispose();

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var message = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}";
        throw response.StatusCode == HttpStatusCode.ServiceUnavailable ? new UnavailableException(message) : new InvalidOperationException(message);
    }
}
