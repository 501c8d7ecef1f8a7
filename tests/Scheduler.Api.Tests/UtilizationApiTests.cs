using Scheduler.Api.Models;

namespace Scheduler.Api.Tests;

/// <summary>GET /api/v1/admin/utilization: seats, bookings, sold-out days and waiting applicants per office and department.</summary>
[Collection(SchedulerApiCollection.Name)]
public sealed class UtilizationApiTests(SchedulerApiFactory api)
{
    private readonly HttpClient anonymous = api.CreateClient();
    private readonly HttpClient operatorClient = api.CreateClient(api.Tokens.Operator());
    private readonly DateOnly day = BookingDays.Utilization;

    [Fact]
    public async Task Bookings_show_in_the_office_booked_and_utilization_and_departments_sum_their_offices()
    {
        const string office = "jz-chiclayo";
        var capacity = (await anonymous.DayAsync(office, day))!.Capacity;
        foreach (var start in new[] { "08:00", "08:20", "09:00" })
        {
            await anonymous.BookedAsync(Bookings.At(office, day, start));
        }

        await Eventually.EqualAsync(3, async () => (await OfficeAsync(office)).Booked);

        var usage = (await operatorClient.UtilizationAsync(day, day))!;
        Assert.Equal((Bookings.Biometrics, day.Text(), day.Text()), (usage.Procedure, usage.From, usage.To));
        var row = usage.Offices.Single(o => o.OfficeId == office);
        Assert.Equal(("Lambayeque", capacity, 3, Math.Round(3.0 / capacity, 4), 0, 1, 0, false),
            (row.Department, row.Capacity, row.Booked, row.Utilization, row.SoldOutDays, row.OpenDays, row.Waitlist, row.DemandExceedsSupply));
        Assert.Equal(usage.Offices.OrderByDescending(o => o.Utilization).Select(o => o.Utilization), usage.Offices.Select(o => o.Utilization));
        Assert.Equal(usage.Offices.Select(o => o.Department).Distinct().Order(), usage.Departments.Select(d => d.Department).Order());
        foreach (var department in usage.Departments)
        {
            var offices = usage.Offices.Where(o => o.Department == department.Department).ToArray();
            Assert.Equal(
                (offices.Length, offices.Sum(o => o.Capacity), offices.Sum(o => o.Booked), offices.Sum(o => o.SoldOutDays), offices.Sum(o => o.Waitlist),
                    offices.Any(o => o.DemandExceedsSupply)),
                (department.Offices, department.Capacity, department.Booked, department.SoldOutDays, department.Waitlist, department.DemandExceedsSupply));
        }
    }

    [Fact]
    public async Task A_day_whose_only_slot_is_filled_counts_as_sold_out()
    {
        const string office = "jz-piura";
        var change = await operatorClient.CapacityChangedAsync(office, OperatorRequests.Capacity(day, 1, open: "08:00", close: "08:20"));
        Assert.Equal(1, Assert.Single(Assert.Single(change.ChangedDays).Slots).Capacity);
        await anonymous.BookedAsync(Bookings.At(office, day, "08:00"));

        await Eventually.EqualAsync(1, async () => (await OfficeAsync(office)).SoldOutDays);

        var row = await OfficeAsync(office);
        Assert.Equal((1, 1, 1.0, 1, 1, true), (row.Capacity, row.Booked, row.Utilization, row.SoldOutDays, row.OpenDays, row.DemandExceedsSupply));
        var department = (await operatorClient.UtilizationAsync(day, day))!.Departments.Single(d => d.Department == "Piura");
        Assert.Equal((1, true), (department.SoldOutDays, department.DemandExceedsSupply));
    }

    [Fact]
    public async Task A_waiting_applicant_counts_in_the_waitlist_of_the_nearest_office()
    {
        const string office = "jz-tarapoto", tarapoto = "-6.4826,-76.3734";
        await operatorClient.CloseBiometricsAsync(office, day);
        var applicant = Applicants.Next();
        var entry = await anonymous.JoinedAsync(WaitlistCalls.Near(tarapoto, day, applicant));
        Assert.Equal("waiting", entry.Status);

        var row = await OfficeAsync(office);

        Assert.Equal((1, true, 0, 0), (row.Waitlist, row.DemandExceedsSupply, row.Capacity, row.OpenDays));
        var department = (await operatorClient.UtilizationAsync(day, day))!.Departments.Single(d => d.Department == "San Martin");
        Assert.Equal((1, true), (department.Waitlist, department.DemandExceedsSupply));
        using var left = await anonymous.LeaveWaitlistAsync(entry.Id, applicant.DocumentNumber!);
        Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
    }

    [Theory]
    [InlineData("procedure=passport-renewal&from=DAY&to=DAY", "procedure")]
    [InlineData("from=DAY&to=DAY", "procedure")]
    [InlineData("procedure=cpp-biometrics&from=NEXT&to=DAY", "to")]
    [InlineData("procedure=cpp-biometrics&from=tomorrow", "from")]
    [InlineData("procedure=cpp-biometrics&from=DAY&to=2026-02-30", "to")]
    public async Task Utilization_with_a_bad_query_is_a_400_naming_it(string query, string field)
    {
        var uri = "/api/v1/admin/utilization?" + query.Replace("NEXT", day.AddDays(1).Text(), StringComparison.Ordinal).Replace("DAY", day.Text(), StringComparison.Ordinal);

        using var response = await operatorClient.GetAsync(uri);

        await Problem.AssertNamesFieldAsync(response, field);
    }

    private async Task<OfficeUtilizationResponse> OfficeAsync(string office) =>
        (await operatorClient.UtilizationAsync(day, day))!.Offices.Single(o => o.OfficeId == office);
}
