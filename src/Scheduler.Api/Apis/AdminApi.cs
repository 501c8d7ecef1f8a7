using Microsoft.AspNetCore.Http.HttpResults;
using Scheduler.Api.Hosting;
using Scheduler.Api.Models;
using Scheduler.Api.Validation;
using Scheduler.Contracts;
using Scheduler.Grains.Domain;

namespace Scheduler.Api.Apis;

/// <summary>Operator routes: capacity changes and day rosters. JWT bearer with role <c>operator</c>.</summary>
public static class AdminApi
{
    public const string OperatorPolicy = "operator";

    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1/admin").WithTags("Operators").RequireAuthorization(OperatorPolicy);
        api.MapPut("/offices/{officeId}/capacity", SetCapacity).WithName("SetCapacity")
            .WithSummary("Set counters (and hours) for a procedure over a date range; refuses if booked appointments would lose their seat");
        api.MapGet("/offices/{officeId}/appointments", GetRoster).WithName("GetRoster").WithSummary("An office's appointments on one date");
        return api;
    }

    public static async Task<Results<Ok<CapacityResponse>, ProblemHttpResult>> SetCapacity(
        string officeId, CapacityRequest? request, HttpContext http, IGrainFactory grains, OfficeDirectory directory, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (await directory.OfficeAsync(officeId, cancellationToken) is not { } office)
        {
            return Problems.Problems.NotFound($"There is no office '{officeId}'.");
        }

        if (request is null)
        {
            return Problems.Problems.Validation("body", "is required");
        }

        var errors = new FieldErrors();
        await OfficesApi.KnownProcedure(errors, directory, request.Procedure, required: true, cancellationToken);
        var from = errors.Date("from", request.From);
        var to = errors.Date("to", request.To);
        var open = errors.Time("open", request.Open);
        var close = errors.Time("close", request.Close);
        var reason = errors.OptionalText("reason", request.Reason, 500);
        var weekdays = new List<DayOfWeek>();
        foreach (var (day, i) in (request.Weekdays ?? []).Select((d, i) => (d, i)))
        {
            if (!Enum.TryParse<DayOfWeek>(day, ignoreCase: true, out var weekday) || int.TryParse(day, out _))
            {
                errors.Add($"weekdays[{i}]", "must be a weekday name such as monday");
            }
            else
            {
                weekdays.Add(weekday);
            }
        }

        if (request.Counters is not { } counters)
        {
            errors.Add("counters", "is required");
            counters = 0;
        }
        else if (counters is < 0 or > 500)
        {
            errors.Add("counters", "must be between 0 and 500");
        }

        if ((open is null) != (close is null))
        {
            errors.Add(open is null ? "open" : "close", "open and close must be given together");
        }
        else if (open is not null && close <= open)
        {
            errors.Add("close", "must be after open");
        }

        var (today, _) = clock.At(office.TimeZone);
        if (from is not null && to is not null && to < from)
        {
            errors.Add("to", "must not be before 'from'");
        }
        else if (to is not null && to < today)
        {
            errors.Add("to", "is in the past");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Problems.Validation(errors);
        }

        var hours = open is not null ? new OpeningHours(open.Value, close!.Value) : null;
        var rule = new CapacityRule(request.Procedure!, from!.Value, to!.Value, weekdays, hours, counters);
        var by = http.User.Identity?.Name ?? http.User.FindFirst("sub")?.Value ?? "operator";
        var result = await grains.GetGrain<IOfficeGrain>(officeId).ChangeCapacity(new CapacityChange(rule, by, reason));
        if (!result.Applied)
        {
            return Problems.Problems.CapacityConflict(result.Displaced.Select(a => a.ToResponse()).ToArray());
        }

        return TypedResults.Ok(new CapacityResponse(officeId, rule.Procedure, true, result.ChangedDays.Select(d => d.ToResponse()).ToArray(), []));
    }

    public static async Task<Results<Ok<RosterResponse>, ProblemHttpResult>> GetRoster(
        string officeId, string? date, IGrainFactory grains, OfficeDirectory directory, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await directory.OfficeAsync(officeId, cancellationToken) is not { } office)
        {
            return Problems.Problems.NotFound($"There is no office '{officeId}'.");
        }

        var errors = new FieldErrors();
        var day = errors.Date("date", date, required: false) ?? clock.At(office.TimeZone).Today;
        if (!errors.IsEmpty)
        {
            return Problems.Problems.Validation(errors);
        }

        var rosters = await Task.WhenAll(office.Procedures.Select(p =>
            grains.GetGrain<IDayInventoryGrain>(new DayKey(officeId, p, day).ToString()).GetRoster()));
        return TypedResults.Ok(new RosterResponse(officeId, RequestReader.Format(day), rosters.Select(r => new RosterProcedure(
            r.Procedure,
            r.Slots.Select(s =>
            {
                var here = r.Appointments.Where(a => a.Start == s.Start).ToArray();
                return new RosterSlot(
                    RequestReader.Format(s.Start), RequestReader.Format(s.End), s.Capacity, here.Count(a => a.IsActive),
                    here.Select(a => new RosterEntry(
                        a.Code, RequestReader.Format(a.Start), Responses.Status(a.Status), a.Applicant.Identity.DocumentType,
                        a.Applicant.Identity.DocumentNumber, a.Applicant.Identity.Country, a.Applicant.FullName)).ToArray());
            }).ToArray())).ToArray()));
    }
}
