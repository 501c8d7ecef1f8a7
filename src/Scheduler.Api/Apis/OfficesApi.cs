using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Scheduler.Api.Hosting;
using Scheduler.Api.Models;
using Scheduler.Api.OpenApi;
using Scheduler.Api.Validation;
using Scheduler.Contracts;
using Scheduler.Grains;
using Scheduler.Domain;

namespace Scheduler.Api.Apis;

/// <summary>Searching: procedures, offices, and free seats. Every answer comes from grain memory.</summary>
public static class OfficesApi
{
    private const int MaxRangeDays = 62;

    public static RouteGroupBuilder MapOfficesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1").WithTags("Search");
        api.MapGet("/procedures", GetProcedures).WithName("GetProcedures").WithSummary("Procedures on offer");
        api.MapGet("/offices", GetOffices).WithName("GetOffices").WithSummary("Offices, nearest first when 'near' is given");
        api.MapGet("/offices/{officeId}", GetOffice).WithName("GetOffice").WithSummary("One office")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/offices/{officeId}/availability", GetAvailability).WithName("GetOfficeAvailability")
            .WithSummary("Days with free seats at an office, with every slot's capacity and free seats")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/availability/earliest", GetEarliest).WithName("GetEarliestAvailability")
            .WithSummary("For each office in reach, its earliest free slot; sorted by date, then distance");
        return api;
    }

    public static async Task<Ok<ProcedureResponse[]>> GetProcedures(OfficeDirectory directory, CancellationToken cancellationToken)
    {
        var procedures = await directory.ProceduresAsync(cancellationToken);
        return TypedResults.Ok(procedures
            .Select(p => new ProcedureResponse(p.Id, p.Name, p.SlotMinutes, p.BookingDeadline is { } d ? RequestReader.Format(d) : null))
            .ToArray());
    }

    public static async Task<Results<Ok<OfficeResponse[]>, ProblemHttpResult>> GetOffices(
        OfficeDirectory directory, string? procedure, string? near, int? limit, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var point = Near(errors, near, required: false);
        await KnownProcedure(errors, directory, procedure, required: false, cancellationToken);
        CheckRange(errors, "limit", limit, 1, 500);
        if (!errors.IsEmpty)
        {
            return Problems.Problems.Validation(errors);
        }

        var offices = await directory.SearchAsync(procedure, point, cancellationToken);
        return TypedResults.Ok(offices.Take(limit ?? 50).Select(o => new OfficeResponse(
            o.Office.Id, o.Office.Name, o.Office.Kind, o.Office.Department, o.Office.City, o.Office.Latitude, o.Office.Longitude,
            o.Office.TimeZone, o.Office.Procedures, o.DistanceKm)).ToArray());
    }

    public static async Task<Results<Ok<OfficeDetailResponse>, ProblemHttpResult>> GetOffice(
        IGrainFactory grains, OfficeDirectory directory, string officeId, CancellationToken cancellationToken)
    {
        if (await directory.OfficeAsync(officeId, cancellationToken) is null ||
            await grains.GetGrain<IOfficeGrain>(officeId).GetProfile() is not { } profile)
        {
            return Problems.Problems.NotFound($"There is no office '{officeId}'.");
        }

        return TypedResults.Ok(new OfficeDetailResponse(
            profile.Id, profile.Name, profile.Kind, profile.Department, profile.City, profile.Latitude, profile.Longitude, profile.TimeZone,
            profile.WeeklyHours.OrderBy(h => ((int)h.Key + 6) % 7).ToDictionary(
                h => h.Key.ToString().ToLowerInvariant(), h => new HoursResponse(RequestReader.Format(h.Value.Open), RequestReader.Format(h.Value.Close))),
            profile.Counters,
            profile.Holidays.Order().Select(RequestReader.Format).ToArray()));
    }

    public static async Task<Results<RenderedJson<AvailabilityResponse>, ProblemHttpResult>> GetAvailability(
        AvailabilityCache cache, OfficeDirectory directory, TimeProvider clock, IOptions<BookingWindowOptions> bookingWindow,
        string officeId, [Required] string? procedure, string? from, string? to, CancellationToken cancellationToken)
    {
        if (await directory.OfficeAsync(officeId, cancellationToken) is not { } office)
        {
            return Problems.Problems.NotFound($"There is no office '{officeId}'.");
        }

        var errors = new FieldErrors();
        await KnownProcedure(errors, directory, procedure, required: true, cancellationToken);
        var window = new BookingWindow(clock.At(office.TimeZone).Today, bookingWindow.Value.HorizonDays);
        var today = window.Today;
        // 'from' must be bookable; 'to' may reach past the window (a client asking for two weeks from a late day),
        // within the range limit below, and the days past it, which nobody can book, are left out.
        var first = errors.WindowDate("from", from, window) ?? today;
        var last = errors.Date("to", to, required: false) ?? first.AddDays(13);
        if (errors.IsEmpty && last < first)
        {
            errors.Add("to", "must not be before 'from'");
        }
        else if (errors.IsEmpty && last.DayNumber - first.DayNumber >= MaxRangeDays)
        {
            errors.Add("to", $"the range may span at most {MaxRangeDays} days");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Problems.Validation(errors);
        }

        return new RenderedJson<AvailabilityResponse>(
            await cache.AvailabilityBodyAsync(officeId, procedure!, first < today ? today : first, Min(last, window.LastDay)));
    }

    public static async Task<Results<Ok<EarliestSlotResponse[]>, ProblemHttpResult>> GetEarliest(
        AvailabilityCache cache, OfficeDirectory directory, TimeProvider clock, IOptions<BookingWindowOptions> bookingWindow,
        [Required] string? procedure, [Required] string? near, double? radiusKm, string? from, int? limit, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        await KnownProcedure(errors, directory, procedure, required: true, cancellationToken);
        var point = Near(errors, near, required: true);
        // Today is looked up only for a given 'from': the common search (no 'from') stays as short as it was.
        var start = from is null
            ? null
            : errors.WindowDate("from", from, new BookingWindow(await directory.TodayAsync(cancellationToken), bookingWindow.Value.HorizonDays));
        CheckRange(errors, "limit", limit, 1, 100);
        if (radiusKm is { } r && (double.IsNaN(r) || r <= 0 || r > 5000))
        {
            errors.Add("radiusKm", "must be between 0 and 5000");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Problems.Validation(errors);
        }

        // Every applicant's first request: one array of offices in reach, cached formatted slots, one sort.
        var inReach = await directory.InReachAsync(procedure!, point!.Value, radiusKm ?? 50, cancellationToken);
        var lookups = new Task<EarliestFreeSlot?>[inReach.Length];
        string? zone = null;
        var today = default(DateOnly);
        for (var i = 0; i < inReach.Length; i++)
        {
            var office = inReach[i].Office;
            if (start is null && office.TimeZone != zone)
            {
                zone = office.TimeZone;
                today = clock.At(zone).Today;
            }

            lookups[i] = cache.EarliestAsync(office.Id, procedure!, start ?? today);
        }

        var found = new List<EarliestSlotResponse>(inReach.Length);
        for (var i = 0; i < inReach.Length; i++)
        {
            if (await lookups[i] is { } slot)
            {
                var office = inReach[i].Office;
                found.Add(new EarliestSlotResponse(office.Id, office.Name, office.Department, inReach[i].DistanceKm, slot.Date, slot.Start, slot.End, slot.Free));
            }
        }

        // Stable, as the offices in reach are nearest first: equal date and start keep that order.
        SortStable(found, static (a, b) =>
        {
            var byDate = string.CompareOrdinal(a.Date, b.Date);
            if (byDate != 0)
            {
                return byDate;
            }

            var byDistance = a.DistanceKm.CompareTo(b.DistanceKm);
            return byDistance != 0 ? byDistance : string.CompareOrdinal(a.Start, b.Start);
        });
        var answer = new EarliestSlotResponse[Math.Min(limit ?? 10, found.Count)];
        found.CopyTo(0, answer, 0, answer.Length);
        return TypedResults.Ok(answer);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static void SortStable<T>(List<T> items, Comparison<T> compare)
    {
        // Insertion sort: a few dozen offices at most, and it keeps equal items in order.
        for (var i = 1; i < items.Count; i++)
        {
            var item = items[i];
            var at = i;
            while (at > 0 && compare(items[at - 1], item) > 0)
            {
                items[at] = items[at - 1];
                at--;
            }

            items[at] = item;
        }
    }

    internal static GeoPoint? Near(FieldErrors errors, string? near, bool required)
    {
        if (string.IsNullOrWhiteSpace(near))
        {
            if (required)
            {
                errors.Add("near", "is required (LAT,LON in decimal degrees)");
            }

            return null;
        }

        if (!GeoPoint.TryParse(near, out var point))
        {
            errors.Add("near", "must be LAT,LON in decimal degrees, e.g. -12.05,-77.04");
            return null;
        }

        return point;
    }

    internal static async ValueTask KnownProcedure(FieldErrors errors, OfficeDirectory directory, string? procedure, bool required, CancellationToken cancellationToken)
    {
        if (procedure is null && !required)
        {
            return;
        }

        if (errors.Id("procedure", procedure) is { } id && await directory.ProcedureAsync(id, cancellationToken) is null)
        {
            errors.Add("procedure", $"'{id}' is not a procedure on offer");
        }
    }

    private static void CheckRange(FieldErrors errors, string field, int? value, int min, int max)
    {
        if (value is { } v && (v < min || v > max))
        {
            errors.Add(field, $"must be between {min} and {max}");
        }
    }
}
