using Scheduler.Api.Models;

namespace Scheduler.Api.Tests;

/// <summary>POST /api/v1/admin/capacity/transfers: counters move between two offices, both change or neither does, once per transfer id.</summary>
[Collection(SchedulerApiCollection.Name)]
public sealed class CapacityTransferApiTests(SchedulerApiFactory api)
{
    private readonly HttpClient anonymous = api.CreateClient();
    private readonly HttpClient operatorClient = api.CreateClient(api.Tokens.Operator());
    private readonly DateOnly day = BookingDays.Transfer;

    [Fact]
    public async Task A_transfer_is_committed_and_moves_exactly_that_many_seats_per_slot_on_that_date()
    {
        const string from = "lim-brena", to = "lim-carabaya"; // 24 and 12 counters
        Assert.All((await anonymous.DayAsync(from, day))!.Slots, s => Assert.Equal(24, s.Capacity));
        Assert.All((await anonymous.DayAsync(to, day))!.Slots, s => Assert.Equal(12, s.Capacity));

        using var response = await operatorClient.TransferAsync(OperatorRequests.Transfer(from, to, day, 2));

        var transfer = await ApiCalls.ReadAsync<TransferResponse>(response);
        Assert.False(string.IsNullOrWhiteSpace(transfer.Id));
        Assert.Equal(("committed", Bookings.Biometrics, from, to, day.Text(), day.Text(), 2),
            (transfer.Status, transfer.Procedure, transfer.FromOfficeId, transfer.ToOfficeId, transfer.From, transfer.To, transfer.Counters));
        Assert.Equal(22, await PlannedCapacityAsync(from));
        Assert.Equal(14, await PlannedCapacityAsync(to));
        await Eventually.EqualAsync((22, 22), () => AvailableCapacitiesAsync(from));
        await Eventually.EqualAsync((14, 14), () => AvailableCapacitiesAsync(to));
        Assert.All((await anonymous.DayAsync(to, day.AddDays(1)))?.Slots ?? [], s => Assert.Equal(12, s.Capacity));
    }

    [Fact]
    public async Task Transferring_more_counters_than_the_source_has_is_a_409_transfer_refused_that_changes_neither_office()
    {
        const string from = "jz-tumbes", to = "jz-chiclayo"; // 3 and 4 counters
        var before = await SnapshotAsync(from, to);

        using var response = await operatorClient.TransferAsync(OperatorRequests.Transfer(from, to, day, 4));

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "transfer-refused");
        Assert.Equal(before, await SnapshotAsync(from, to));
        Assert.Equal(3, await PlannedCapacityAsync(from));
        Assert.Equal(4, await PlannedCapacityAsync(to));
    }

    [Fact]
    public async Task A_transfer_that_would_take_booked_seats_is_a_409_capacity_conflict_that_changes_neither_office()
    {
        const string from = "jz-huancayo", to = "jz-ica"; // 2 and 3 counters
        var applicants = new[] { Applicants.Next(), Applicants.Next() };
        var booked = new List<AppointmentResponse>();
        foreach (var applicant in applicants)
        {
            booked.Add(await anonymous.BookedAsync(Bookings.At(from, day, "08:00", applicant)));
        }

        var before = await SnapshotAsync(from, to);

        using var response = await operatorClient.TransferAsync(OperatorRequests.Transfer(from, to, day, 1));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Conflict, "capacity-conflict");
        Assert.Equal(booked[1].Code, Assert.Single(problem.GetProperty("displaced").EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal(before, await SnapshotAsync(from, to));
        Assert.Equal(2, await PlannedCapacityAsync(from));
        Assert.Equal(3, await PlannedCapacityAsync(to));
        for (var i = 0; i < booked.Count; i++)
        {
            Same.Appointment(booked[i], await anonymous.AppointmentAsync(booked[i].Code, applicants[i].DocumentNumber!));
        }
    }

    [Fact]
    public async Task Repeating_a_transfer_with_the_same_transferId_answers_the_same_and_applies_once()
    {
        const string from = "mac-callao", to = "mac-ventanilla"; // 4 and 3 counters
        var request = OperatorRequests.Transfer(from, to, day, 1, transferId: "t-" + Guid.NewGuid().ToString("N"));

        using var first = await operatorClient.TransferAsync(request);
        using var repeated = await operatorClient.TransferAsync(request);

        var answer = await ApiCalls.ReadAsync<TransferResponse>(first);
        Assert.Equal((request.TransferId, "committed"), (answer.Id, answer.Status));
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await repeated.Content.ReadAsStringAsync());
        Assert.Equal(3, await PlannedCapacityAsync(from));
        Assert.Equal(4, await PlannedCapacityAsync(to));
        await Eventually.EqualAsync((3, 3), () => AvailableCapacitiesAsync(from));
        await Eventually.EqualAsync((4, 4), () => AvailableCapacitiesAsync(to));
    }

    [Fact]
    public async Task Repeating_a_transfer_with_the_same_transferId_is_audited_once()
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var request = OperatorRequests.Transfer("jz-chimbote", "jz-piura", day, 1, transferId: "t-" + Guid.NewGuid().ToString("N"));

        using var first = await operatorClient.TransferAsync(request);
        using var repeated = await operatorClient.TransferAsync(request);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, repeated.StatusCode));
        Assert.Single((await operatorClient.AuditAsync(since))!, e => e.Detail.Contains(request.TransferId!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reusing_a_transferId_for_a_different_transfer_is_a_422_and_changes_nothing()
    {
        var id = "t-" + Guid.NewGuid().ToString("N");
        using var first = await operatorClient.TransferAsync(OperatorRequests.Transfer("jz-chimbote", "jz-piura", day, 1, transferId: id));
        var before = await SnapshotAsync("lim-brena", "jz-tumbes");

        using var reused = await operatorClient.TransferAsync(OperatorRequests.Transfer("lim-brena", "jz-tumbes", day, 3, transferId: id));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var problem = await Problem.AssertAsync(reused, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.True(problem.GetProperty("errors").TryGetProperty("transferId", out _));
        Assert.Equal(before, await SnapshotAsync("lim-brena", "jz-tumbes"));
    }

    [Theory]
    [InlineData("""{"procedure":"cpp-biometrics","fromOfficeId":"lim-brena","toOfficeId":"lim-brena","from":"DAY","to":"DAY","counters":1}""", "toOfficeId")]
    [InlineData("""{"procedure":"cpp-biometrics","fromOfficeId":"no-such-office","toOfficeId":"lim-carabaya","from":"DAY","to":"DAY","counters":1}""", "fromOfficeId")]
    [InlineData("""{"procedure":"cpp-biometrics","fromOfficeId":"lim-brena","toOfficeId":"no-such-office","from":"DAY","to":"DAY","counters":1}""", "toOfficeId")]
    [InlineData("""{"procedure":"cpp-biometrics","toOfficeId":"lim-carabaya","from":"DAY","to":"DAY","counters":1}""", "fromOfficeId")]
    [InlineData("""{"procedure":"cpp-biometrics","fromOfficeId":"lim-brena","toOfficeId":"lim-carabaya","from":"DAY","to":"DAY","counters":0}""", "counters")]
    [InlineData("""{"procedure":"cpp-biometrics","fromOfficeId":"lim-brena","toOfficeId":"lim-carabaya","from":"DAY","to":"DAY","counters":501}""", "counters")]
    [InlineData("""{"procedure":"cpp-biometrics","fromOfficeId":"lim-brena","toOfficeId":"lim-carabaya","from":"DAY","to":"DAY","counters":-1}""", "counters")]
    [InlineData("""{"procedure":"cpp-biometrics","fromOfficeId":"lim-brena","toOfficeId":"lim-carabaya","from":"DAY","to":"DAY"}""", "counters")]
    [InlineData("""{"procedure":"cpp-biometrics","fromOfficeId":"lim-brena","toOfficeId":"lim-carabaya","from":"NEXT","to":"DAY","counters":1}""", "to")]
    [InlineData("""{"procedure":"no-such","fromOfficeId":"lim-brena","toOfficeId":"lim-carabaya","from":"DAY","to":"DAY","counters":1}""", "procedure")]
    [InlineData("""{"procedure":"cpp-biometrics","fromOfficeId":"lim-brena","toOfficeId":"lim-carabaya","from":"DAY","to":"DAY","counters":1,"transferId":"not an id"}""", "transferId")]
    public async Task A_transfer_with_bad_input_is_a_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var before = await SnapshotAsync("lim-brena", "lim-carabaya");
        var json = body.Replace("NEXT", day.AddDays(1).Text(), StringComparison.Ordinal).Replace("DAY", day.Text(), StringComparison.Ordinal);

        using var response = await operatorClient.PostAsync(OperatorCalls.TransfersUri, ApiCalls.RawJson(json));

        await Problem.AssertNamesFieldAsync(response, field);
        Assert.Equal(before, await SnapshotAsync("lim-brena", "lim-carabaya"));
    }

    /// <summary>The capacity of every cpp-biometrics slot of the office that day (asserted to be one), read from its day inventory.</summary>
    private async Task<int> PlannedCapacityAsync(string office) =>
        Assert.Single((await operatorClient.RosterAsync(office, day))!.Procedures.Single(p => p.Procedure == Bookings.Biometrics).Slots
            .Select(s => s.Capacity).Distinct());

    /// <summary>The smallest and largest slot capacity that availability shows that day.</summary>
    private async Task<(int Min, int Max)> AvailableCapacitiesAsync(string office)
    {
        var slots = (await anonymous.DayAsync(office, day))!.Slots;
        return (slots.Min(s => s.Capacity), slots.Max(s => s.Capacity));
    }

    /// <summary>Both offices' rosters of the day: slots with their capacity, and who holds them.</summary>
    private async Task<(string From, string To)> SnapshotAsync(string from, string to) =>
        (await operatorClient.GetStringAsync($"/api/v1/admin/offices/{from}/appointments?date={day.Text()}"),
         await operatorClient.GetStringAsync($"/api/v1/admin/offices/{to}/appointments?date={day.Text()}"));

    [Fact]
    public async Task A_transfer_that_fails_between_the_offices_is_a_503_that_changes_nothing_and_a_retry_with_its_Idempotency_Key_commits_it_once()
    {
        const string from = "jz-tarapoto", to = "jz-pucallpa"; // 2 counters each
        var date = BookingDays.OperatorRetry;
        var key = "tr-" + Guid.NewGuid().ToString("N");
        var body = OperatorRequests.Transfer(from, to, date, 1, reason: $"retry {key}");
        api.Faults.Arm(Scheduler.Grains.Grains.CapacityTransferGrain.BetweenOffices, key);

        using (var failed = await operatorClient.SendWithKeyAsync(HttpMethod.Post, OperatorCalls.TransfersUri, body, key))
        {
            await Problem.AssertAsync(failed, HttpStatusCode.ServiceUnavailable, "unavailable");
        }

        Assert.Equal((2, 2), (await RosterCapacityAsync(from, date), await RosterCapacityAsync(to, date)));
        Assert.DoesNotContain((await operatorClient.AuditAsync(DateTimeOffset.UtcNow.AddMinutes(-1)))!, e => e.OperationId == key);

        using var retried = await operatorClient.SendWithKeyAsync(HttpMethod.Post, OperatorCalls.TransfersUri, body, key);
        var retriedText = await retried.Content.ReadAsStringAsync();
        var transfer = await ApiCalls.ReadAsync<TransferResponse>(retried);
        Assert.Equal((key, "committed"), (transfer.Id, transfer.Status));
        Assert.Equal((1, 3), (await RosterCapacityAsync(from, date), await RosterCapacityAsync(to, date)));

        using var replayed = await operatorClient.SendWithKeyAsync(HttpMethod.Post, OperatorCalls.TransfersUri, body, key);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal(retriedText, await replayed.Content.ReadAsStringAsync());
        Assert.Equal((1, 3), (await RosterCapacityAsync(from, date), await RosterCapacityAsync(to, date)));
        var entry = Assert.Single((await operatorClient.AuditAsync(DateTimeOffset.UtcNow.AddMinutes(-1)))!, e => e.OperationId == key);
        Assert.Equal(("counters-transferred", $"{from}->{to}", "completed"), (entry.Action, entry.Target, entry.Status));

        // The same key for another move names the header that carried it.
        using var reused = await operatorClient.SendWithKeyAsync(HttpMethod.Post, OperatorCalls.TransfersUri, OperatorRequests.Transfer(from, to, date, 2), key);
        var problem = await Problem.AssertAsync(reused, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal((1, 3), (await RosterCapacityAsync(from, date), await RosterCapacityAsync(to, date)));
    }

    private async Task<int> RosterCapacityAsync(string office, DateOnly date) =>
        (await operatorClient.RosterAsync(office, date))!.Procedures.Single(p => p.Procedure == Bookings.Biometrics).Slots[0].Capacity;
}
