using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using System.Diagnostics;
using Scheduler.Api.Models;

namespace Scheduler.Api.Tests;

/// <summary>
/// No name, e-mail, phone or document number reaches logs, traces or metrics: one person goes through every route that
/// carries them, on a host that records every span (as with an OTLP endpoint) and logs at every level, and their
/// four values are searched for in everything recorded.
/// </summary>
public sealed class PersonalDataTelemetryTests
{
    private const string Number = "918273645";
    private const string Name = "Zoraida Quispe Huamani";
    private const string Email = "zoraida.quispe@example.pe";
    private const string Phone = "+51911222333";
    private const string Cusco = "-13.5320,-71.9675";

    [Fact]
    public async Task Booking_reading_moving_cancelling_waiting_requesting_and_recovering_leave_no_personal_data_in_logs_traces_or_metrics()
    {
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var logs = new CapturedLogs();
        await using var host = SchedulerApiFactory.With(new Dictionary<string, string>
        {
            // Traces are recorded only with an exporter configured; nothing listens on this port.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Orleans"] = "Debug",
        });
        host.LogCapture = logs;
        await host.InitializeAsync();
        var http = host.CreateClient();
        var person = new ApplicantRequest("CE", Number, "VE", Name, Email, Phone);

        // Appointments: book, a second booking refused, read (and a wrong number), move, recover the code, cancel.
        var booked = await http.BookedAsync(Bookings.At("lim-carabaya", BookingDays.Booking, "09:00", person));
        using (var again = await http.BookAsync(Bookings.At("lim-carabaya", BookingDays.Booking, "09:20", person)))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        Assert.Equal(Name, (await http.AppointmentAsync(booked.Code, Number)).Applicant.FullName);
        using (var wrong = await http.GetAppointmentAsync(booked.Code, "918273646"))
        {
            Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        }

        using (var moved = await http.RescheduleAsync(booked.Code, Number, new RescheduleRequest("lim-carabaya", BookingDays.Booking.Text(), "09:40")))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        using (var recover = await http.PostAsJsonAsync("/api/v1/appointments/recover", new RecoverRequest("CE", Number, "VE", null)))
        {
            Assert.Equal(HttpStatusCode.Accepted, recover.StatusCode);
        }

        using (var cancelled = await http.CancelAsync(booked.Code, Number))
        {
            Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        }

        // The waitlist: join where nothing is free, read, recover the id, leave.
        await host.CreateClient(host.Tokens.Operator()).CloseBiometricsAsync("jz-cusco", BookingDays.Waitlist);
        var entry = await http.JoinedAsync(WaitlistCalls.Near(Cusco, BookingDays.Waitlist, person));
        Assert.Equal("waiting", (await http.WaitlistEntryAsync(entry.Id, Number)).Status);
        using (var recover = await http.PostAsJsonAsync("/api/v1/waitlist/recover", new RecoverRequest("CE", Number, "VE", null)))
        {
            Assert.Equal(HttpStatusCode.Accepted, recover.StatusCode);
        }

        using (var left = await http.LeaveWaitlistAsync(entry.Id, Number))
        {
            Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        }

        // Batch allocation: file a request for card pickup, read it, a release assigns it, read it again, a second one refused.
        var operatorClient = host.CreateClient(host.Tokens.Operator());
        using (var mode = await operatorClient.PutAsJsonAsync("/api/v1/admin/procedures/cpp-card-pickup/allocation", new AllocationBody("batch", null, null, null)))
        {
            Assert.Equal(HttpStatusCode.OK, mode.StatusCode);
        }

        var requestBody = new FileRequestBody("cpp-card-pickup", person, Cusco, 30, null, BookingDays.Waitlist.Text(), BookingDays.Waitlist.Text());
        using var filing = await http.PostAsJsonAsync("/api/v1/requests", requestBody);
        var request = await ApiCalls.ReadAsync<RequestResponse>(filing, HttpStatusCode.Accepted);
        using (var second = await http.PostAsJsonAsync("/api/v1/requests", requestBody))
        {
            Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        }

        using (var release = await operatorClient.PostAsync("/api/v1/admin/procedures/cpp-card-pickup/batches", null))
        {
            Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        }

        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/requests/{request.Id}");
        read.Headers.Add(ApiCalls.DocumentNumberHeader, Number);
        Assert.Equal("assigned", (await ApiCalls.ReadAsync<RequestResponse>(await http.SendAsync(read))).Status);

        // Bad input carrying the person's data.
        using (var bad = await http.BookAsync(Bookings.At("lim-carabaya", BookingDays.Booking, "25:00", person)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        // Both recoveries went out through the outbox to the e-mail and the phone (the file sink): the sender ran too.
        await Eventually.EqualAsync(4, () => Task.FromResult(host.Notifications().Count(n => n.To == Email || n.To == Phone)));
        var metrics = await http.GetStringAsync("/metrics");

        var spans = activities.ToArray();
        var recorded = logs.Records.Concat(spans.Select(Describe)).Append(metrics).ToArray();
        // What is searched is real: the spans of the person's grain calls are there, keyed by the number's hash.
        var key = host.Services.GetRequiredService<Scheduler.Grains.Hosting.ApplicantKeys>().Of(Number);
        Assert.Contains(spans, a => a.DisplayName == "IApplicantGrain/Book" && Describe(a).Contains(key, StringComparison.Ordinal));
        Assert.Contains(spans, a => a.DisplayName == "IApplicantGrain/FileRequest" && Describe(a).Contains(key, StringComparison.Ordinal));
        Assert.Contains(spans, a => a.Source.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && a.DisplayName.Contains("appointments", StringComparison.Ordinal));
        Assert.True(logs.Records.Count > 100, $"only {logs.Records.Count} log records were captured");
        foreach (var value in new[] { Number, Name, "Zoraida", "Quispe", Email, Phone, Phone.TrimStart('+') })
        {
            var found = recorded.FirstOrDefault(r => r.Contains(value, StringComparison.OrdinalIgnoreCase));
            Assert.True(found is null, $"'{value}' was recorded: {found}");
        }
    }

    /// <summary>Everything a span carries: names, status, tags, baggage, events and links with their tags.</summary>
    private static string Describe(Activity activity)
    {
        var text = new System.Text.StringBuilder($"span {activity.Source.Name} {activity.OperationName} {activity.DisplayName} {activity.StatusDescription}");
        foreach (var (name, value) in activity.TagObjects)
        {
            text.Append($" | {name}={value}");
        }

        foreach (var (name, value) in activity.Baggage)
        {
            text.Append($" | baggage {name}={value}");
        }

        foreach (var e in activity.Events)
        {
            text.Append($" | event {e.Name}");
            foreach (var (name, value) in e.Tags)
            {
                text.Append($" {name}={value}");
            }
        }

        foreach (var link in activity.Links)
        {
            foreach (var (name, value) in link.Tags ?? [])
            {
                text.Append($" | link {name}={value}");
            }
        }

        return text.ToString();
    }
}
