using Scheduler.Api.Models;

namespace Scheduler.Api.Tests;

/// <summary>Invariant 1 through the front door: a rush at one slot never overbooks it.</summary>
[Collection(SchedulerApiCollection.Name)]
public sealed class ConcurrentBookingTests(SchedulerApiFactory api)
{
    private const string Office = "lim-sjl"; // 4 counters
    private const string Start = "09:00";

    [Fact]
    public async Task Two_hundred_applicants_rushing_one_slot_of_four_get_four_bookings_and_196_slot_full()
    {
        var http = api.CreateClient();
        var day = BookingDays.Rush;
        var requests = Enumerable.Range(0, 200).Select(_ => Bookings.At(Office, day, Start)).ToArray();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var rush = requests.Select(async request =>
        {
            await go.Task;
            using var response = await http.BookAsync(request);
            return (Status: response.StatusCode, Body: await response.Content.ReadAsStringAsync(), request.Applicant!.DocumentNumber);
        }).ToArray();
        go.SetResult();
        var answers = await Task.WhenAll(rush);

        var booked = answers.Where(r => r.Status == HttpStatusCode.Created).ToArray();
        var refused = answers.Where(r => r.Status == HttpStatusCode.Conflict).ToArray();
        Assert.True(booked.Length == 4, $"Expected 4 bookings, got {booked.Length}: " + string.Join(", ", answers.GroupBy(a => a.Status).Select(g => $"{g.Key} x{g.Count()}")));
        Assert.Equal(196, refused.Length);
        Assert.All(refused, r => Assert.Equal(Problem.BaseUri + "slot-full", JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()));

        var codes = booked.Select(b => JsonSerializer.Deserialize<AppointmentResponse>(b.Body, JsonSerializerOptions.Web)!.Code).ToArray();
        Assert.Equal(4, codes.Distinct().Count());
        var roster = await api.CreateClient(api.Tokens.Operator()).RosterAsync(Office, day);
        var slot = roster!.Procedures.Single(p => p.Procedure == Bookings.Biometrics).Slots.Single(s => s.Start == Start);
        Assert.Equal(4, slot.Booked);
        Assert.Equal(codes.Order(), slot.Appointments.Select(a => a.Code).Order());
        Assert.Equal(booked.Select(b => b.DocumentNumber).Order(), slot.Appointments.Select(a => a.DocumentNumber).Order());
        await Eventually.EqualAsync(0, () => http.FreeSeatsAsync(Office, day, Start));
    }

    [Fact]
    public async Task Once_a_slot_is_full_a_retry_of_a_booking_that_got_a_seat_still_gets_its_201()
    {
        var http = api.CreateClient();
        var day = BookingDays.Rush;
        var requests = Enumerable.Range(0, 4).Select(_ => Bookings.At(Office, day, "10:00")).ToArray();
        var first = new List<string>();
        foreach (var (request, i) in requests.Select((r, i) => (r, i)))
        {
            using var response = await http.BookAsync(request, $"replay-{i}-{request.Applicant!.DocumentNumber}");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            first.Add(JsonSerializer.Deserialize<AppointmentResponse>(await response.Content.ReadAsStringAsync(), JsonSerializerOptions.Web)!.Code);
        }

        using var newcomer = await http.BookAsync(Bookings.At(Office, day, "10:00"), "replay-newcomer");
        using var replay = await http.BookAsync(requests[3], $"replay-3-{requests[3].Applicant!.DocumentNumber}");

        Assert.Equal(HttpStatusCode.Conflict, newcomer.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(first[3], JsonSerializer.Deserialize<AppointmentResponse>(await replay.Content.ReadAsStringAsync(), JsonSerializerOptions.Web)!.Code);
    }
}
