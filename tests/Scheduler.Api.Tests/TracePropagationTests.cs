using System.Collections.Concurrent;
using System.Diagnostics;

namespace Scheduler.Api.Tests;

/// <summary>An HTTP request and the grain calls it makes form one trace (Orleans activity propagation).</summary>
[Collection(SchedulerApiCollection.Name)]
public sealed class TracePropagationTests(SchedulerApiFactory api)
{
    [Fact]
    public async Task A_booking_request_and_its_grain_calls_share_one_trace()
    {
        var activities = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
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
        Assert.Contains(trace, a => a.DisplayName == "write storage");
    }
}
