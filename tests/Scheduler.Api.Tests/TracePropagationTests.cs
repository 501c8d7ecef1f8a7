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
        var books = activities.Where(a => a.DisplayName == "IApplicantGrain/Book").ToArray();
        Assert.NotEmpty(books);
        var trace = activities.Where(a => a.TraceId == books[0].TraceId).ToArray();
        Assert.All(books, b => Assert.Equal(books[0].TraceId, b.TraceId));
        var request = Assert.Single(trace, a => a.Source.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.Null(request.Parent);
        Assert.Contains(trace, a => a.DisplayName == "IDayInventoryGrain/Take");
        // The booking's row, appended to the silo's shared transaction, is part of the request's trace; the
        // transaction's own span links back to it.
        var append = Assert.Single(trace, a => a.DisplayName == "journal append");
        Assert.Contains(activities, a => a.DisplayName == "journal commit" && a.Links.Any(l => l.Context.SpanId == append.SpanId));
    }
}
