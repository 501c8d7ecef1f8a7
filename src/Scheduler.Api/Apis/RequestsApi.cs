using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Scheduler.Api.Admission;
using Scheduler.Api.Hosting;
using Scheduler.Api.Models;
using Scheduler.Api.OpenApi;
using Scheduler.Api.Problems;
using Scheduler.Api.Validation;
using Scheduler.Contracts;
using Scheduler.Domain;
using Scheduler.Grains;
using Scheduler.Grains.Hosting;

namespace Scheduler.Api.Apis;

/// <summary>Allocation requests: for a procedure in batch mode, applicants ask; seats are given to the open requests by lottery.</summary>
public static class RequestsApi
{
    public static RouteGroupBuilder MapRequestsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1/requests").WithTags("Requests");
        api.MapPost("/", File).WithName("FileRequest")
            .WithSummary("Ask for a seat of a procedure allocated in batches; the next batch gives seats to the open requests in a random order")
            .WithDescription("Idempotency-Key (optional) makes a retry answer the request it filed. One live request per document and procedure: a second " +
                "answers 409 already-requested, without its id. A procedure booked first-come answers 409 allocation-mode-first-come.")
            .RequireRateLimiting(AppointmentsApi.BookingRateLimitPolicy)
            .RequireAdmission((FileRequestBody request) => request.Procedure)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/{id}", Get).WithName("GetRequest").WithSummary("An allocation request: its state, its batch and when that is decided (needs the owner's document number)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapDelete("/{id}", Withdraw).WithName("WithdrawRequest").WithSummary("Withdraw an allocation request; repeating it is harmless")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    public static async Task<Results<Accepted<RequestResponse>, ProblemHttpResult>> File(
        FileRequestBody? request, [FromHeader(Name = AppointmentsApi.IdempotencyKeyHeader)] string? idempotencyKey,
        IGrainFactory grains, ApplicantKeys applicants, OfficeDirectory directory, AllocationSettingsCache allocation, TimeProvider clock,
        IOptions<BookingWindowOptions> window, DocumentLimiter documents, HttpContext http, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Problems.Problems.Validation("body", "is required");
        }

        var errors = new FieldErrors();
        var key = AppointmentsApi.IdempotencyKey(errors, idempotencyKey);
        await OfficesApi.KnownProcedure(errors, directory, request.Procedure, required: true, cancellationToken);
        var home = OfficesApi.Near(errors, request.Near, required: true);
        var applicant = errors.Applicant("applicant", request.Applicant);
        var bookable = new BookingWindow(await directory.TodayAsync(cancellationToken), window.Value.HorizonDays);
        var from = errors.WindowDate("from", request.From, bookable) ?? bookable.Today;
        var to = errors.WindowDate("to", request.To, bookable) ?? bookable.LastDay;
        if (request.RadiusKm is { } r && (!double.IsFinite(r) || r <= 0 || r > 5000))
        {
            errors.Add("radiusKm", "must be between 0 and 5000");
        }

        if (from < bookable.Today)
        {
            errors.Add("from", "is in the past");
        }

        if (to < from)
        {
            errors.Add("to", "must not be before 'from'");
        }

        var offices = await ListedOffices(errors, directory, request.Procedure, request.Offices, cancellationToken);
        if (!errors.IsEmpty)
        {
            return Problems.Problems.Validation(errors);
        }

        if ((await allocation.GetAsync(request.Procedure!)).Mode != AllocationMode.Batch)
        {
            return AllocationProblems.FirstCome(request.Procedure!);
        }

        if (documents.Refuse(http, applicant!.Identity.DocumentNumber) is { } tooMany)
        {
            return tooMany;
        }

        var entry = new WaitlistEntry(
            "R-" + ConfirmationCode.New(), 0, applicant, request.Procedure!, home!.Value.Latitude, home.Value.Longitude,
            request.RadiusKm ?? 50, from, to, clock.GetUtcNow(), WaitlistStatus.Waiting, Offices: offices);
        var filed = await applicants.Grain(grains, applicant.Identity.DocumentNumber).FileRequest(entry, key);
        return filed.Result switch
        {
            RequestFileResult.Filed => TypedResults.Accepted($"/api/v1/requests/{filed.Request!.Entry.Id}", Response(filed.Request)),
            RequestFileResult.AlreadyBooked => Problems.Problems.AlreadyBooked(),
            RequestFileResult.AlreadyRequested => AllocationProblems.AlreadyRequested(),
            RequestFileResult.IdempotencyKeyReused => Problems.Problems.IdempotencyKeyReused(),
            _ => AllocationProblems.FirstCome(request.Procedure!),
        };
    }

    public static async Task<Results<Ok<RequestResponse>, ProblemHttpResult>> Get(
        string id, [Required, FromHeader(Name = AppointmentsApi.DocumentNumberHeader)] string? documentNumber, IGrainFactory grains, ApplicantKeys applicants,
        OwnershipGuard guard, HttpContext http)
    {
        if (guard.Owner(http, id, documentNumber, grains, applicants, out var owner) is { } refused)
        {
            return refused;
        }

        var view = await owner.FindRequest(id.Trim().ToUpperInvariant());
        return view is null ? NotFound(http, guard, id) : TypedResults.Ok(Response(view));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Withdraw(
        string id, [Required, FromHeader(Name = AppointmentsApi.DocumentNumberHeader)] string? documentNumber, IGrainFactory grains, ApplicantKeys applicants,
        OwnershipGuard guard, HttpContext http)
    {
        if (guard.Owner(http, id, documentNumber, grains, applicants, out var owner) is { } refused)
        {
            return refused;
        }

        return await owner.WithdrawRequest(id.Trim().ToUpperInvariant())
            ? TypedResults.NoContent()
            : NotFound(http, guard, id);
    }

    /// <summary>The listed offices (each must serve the procedure), or null when none are listed.</summary>
    private static async ValueTask<IReadOnlyList<string>?> ListedOffices(
        FieldErrors errors, OfficeDirectory directory, string? procedure, string[]? offices, CancellationToken cancellationToken)
    {
        if (offices is null || offices.Length == 0)
        {
            return null;
        }

        if (offices.Length > 50)
        {
            errors.Add("offices", "may list at most 50 offices");
            return null;
        }

        var listed = new List<string>();
        for (var i = 0; i < offices.Length; i++)
        {
            var field = $"offices[{i}]";
            if (errors.Id(field, offices[i]) is not { } id)
            {
                continue;
            }

            if (await directory.OfficeAsync(id, cancellationToken) is not { } office)
            {
                errors.Add(field, $"there is no office '{id}'");
            }
            else if (procedure is not null && !office.Procedures.Contains(procedure))
            {
                errors.Add(field, $"'{id}' does not offer '{procedure}'");
            }
            else
            {
                listed.Add(id);
            }
        }

        return listed.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>An id and document number that do not go together: counted against the id and the client, and answered like an unknown id.</summary>
    private static ProblemHttpResult NotFound(HttpContext http, OwnershipGuard guard, string id)
    {
        guard.Failed(http, id);
        return Problems.Problems.NotFound("No request with this id belongs to this document number.");
    }

    internal static RequestResponse Response(RequestView view)
    {
        var e = view.Entry;
        var open = e.Status == WaitlistStatus.Waiting;
        return new RequestResponse(
            e.Id, Status(e.Status), e.Procedure, string.Create(CultureInfo.InvariantCulture, $"{e.HomeLatitude},{e.HomeLongitude}"), e.RadiusKm, e.Offices,
            RequestReader.Format(e.From), RequestReader.Format(e.To), e.JoinedAt, e.FiledInTime, open ? view.Batch : null, open ? view.DecidesAt : null,
            e.OfficeId is not null && e.Date is { } date && e.Start is { } start && e.Status == WaitlistStatus.Booked
                ? new PlaceResponse(e.OfficeId, RequestReader.Format(date), RequestReader.Format(start))
                : null,
            e.Status == WaitlistStatus.Booked ? e.Code : null, e.Note);
    }

    private static string Status(WaitlistStatus status) => status switch
    {
        WaitlistStatus.Waiting => "open",
        WaitlistStatus.Booked => "assigned",
        WaitlistStatus.Left => "withdrawn",
        WaitlistStatus.Expired => "expired",
        WaitlistStatus.CarriedOver => "carried-over",
        _ => status.ToString().ToLowerInvariant(),
    };
}
