using System.Collections.Concurrent;
using System.Diagnostics;

namespace Scheduler.Api.Tests;

/// <summary>An HTTP request, the grain calls it makes and its journal row form one trace (Orleans activity propagation).</summary>
[Collection(SchedulerApiCollection.Name)]
public sealed class TracePropagationTests(SchedulerApiFactory api)
{
    [Fact]
    public async Task A_booking_request_and_its_grain_calls_share_one_trace()
    {
        var activities = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) || source.Name == "Scheduler.Journal",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var http = api.CreateClient();

        using var response = await http.BookAsync(Bookings.At("lim-carabaya", BookingDays.Booking, null), "trace-" + Guid.NewGuid().ToString("N"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var takes = activities.Where(a => a.DisplayName == "IDayInventoryGrain/Take").ToArray();
        Assert.NotEmpty(takes);
        var trace = activities.Where(a => a.TraceId == takes[0].TraceId).ToArray();
        Assert.All(takes, t => Assert.Equal(takes[0].TraceId, t.TraceId));
        var request = Assert.Single(trace, a => a.Source.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.Null(request.Parent);
        // A new applicant's booking is one grain call: the day's; the person's own grain is not involved.
        Assert.DoesNotContain(trace, a => a.DisplayName == "IApplicantGrain/Book");
        // The booking's row, appended to the silo's shared transaction, is part of the request's trace; the
        // transaction's own span links back to it.
        var append = Assert.Single(trace, a => a.DisplayName == "journal append");
        Assert.Contains(activities, a => a.DisplayName == "journal commit" && a.Links.Any(l => l.Context.SpanId == append.SpanId));
    }
}
