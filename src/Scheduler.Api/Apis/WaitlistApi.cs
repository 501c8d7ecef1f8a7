using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Scheduler.Api.Hosting;
using Scheduler.Api.Models;
using Scheduler.Api.OpenApi;
using Scheduler.Api.Problems;
using Scheduler.Api.Validation;
using Scheduler.Contracts;
using Scheduler.Grains.Hosting;
using Scheduler.Grains;
using Scheduler.Domain;

namespace Scheduler.Api.Apis;

/// <summary>The waitlist: applicants who found nothing in reach are booked automatically, in arrival order, when seats appear.</summary>
public static class WaitlistApi
{
    public static RouteGroupBuilder MapWaitlistApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1/waitlist").WithTags("Waitlist");
        api.MapPost("/", Join).WithName("JoinWaitlist").WithSummary("Wait for a seat within reach; booked at once if one is free")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/recover", Recover).WithName("RecoverWaitlistId")
            .WithSummary("Send a lost waitlist id again to the e-mail or phone given when joining; the same 202 whether or not one exists")
            .ProducesBodyProblems();
        api.MapGet("/{id}", Get).WithName("GetWaitlistEntry").WithSummary("A waitlist entry (needs the owner's document number)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapDelete("/{id}", Leave).WithName("LeaveWaitlist").WithSummary("Leave the waitlist")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    public static async Task<Results<Created<WaitlistResponse>, ProblemHttpResult>> Join(
        WaitlistRequest? request, IGrainFactory grains, ApplicantKeys applicants, OfficeDirectory directory, TimeProvider clock, IOptions<BookingWindowOptions> window,
        DocumentLimiter documents, AllocationSettingsCache allocation, HttpContext http, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Problems.Problems.Validation("body", "is required");
        }

        var errors = new FieldErrors();
        await OfficesApi.KnownProcedure(errors, directory, request.Procedure, required: true, cancellationToken);
        var home = OfficesApi.Near(errors, request.Near, required: true);
        var applicant = errors.Applicant("applicant", request.Applicant);
        var bookable = new BookingWindow(await directory.TodayAsync(cancellationToken), window.Value.HorizonDays);
        var (today, last) = (bookable.Today, bookable.LastDay);
        var from = errors.WindowDate("from", request.From, bookable) ?? today;
        var to = errors.WindowDate("to", request.To, bookable) ?? last;
        if (request.RadiusKm is { } r && (!double.IsFinite(r) || r <= 0 || r > 5000))
        {
            errors.Add("radiusKm", "must be between 0 and 5000");
        }

        if (from < today)
        {
            errors.Add("from", "is in the past");
        }

        if (to < from)
        {
            errors.Add("to", "must not be before 'from'");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Problems.Validation(errors);
        }

        // The waitlist books seats as they appear, first come: in batch mode, seats go only to requests.
        if ((await allocation.GetAsync(request.Procedure!)).Mode == AllocationMode.Batch)
        {
            return AllocationProblems.AllocatedByBatch(request.Procedure!);
        }

        var entry = new WaitlistEntry(
            "W-" + ConfirmationCode.New(), 0, applicant!, request.Procedure!, home!.Value.Latitude, home.Value.Longitude,
            request.RadiusKm ?? 50, from, to, clock.GetUtcNow(), WaitlistStatus.Waiting);
        if (documents.Refuse(http, applicant!.Identity.DocumentNumber) is { } tooMany)
        {
            return tooMany;
        }

        var joined = await applicants.Grain(grains, applicant.Identity.DocumentNumber).JoinWaitlist(entry);
        switch (joined.Result)
        {
            case WaitlistJoinResult.AlreadyBooked:
                return Problems.Problems.AlreadyBooked();
            case WaitlistJoinResult.AlreadyWaiting:
                return Problems.Problems.AlreadyWaiting();
        }

        var view = await grains.GetGrain<IWaitlistGrain>(entry.Procedure).Join(entry);
        return TypedResults.Created($"/api/v1/waitlist/{entry.Id}", Response(view));
    }

    public static async Task<Results<Accepted<RecoveryResponse>, ProblemHttpResult>> Recover(
        RecoverRequest? request, IGrainFactory grains, ApplicantKeys applicants, OfficeDirectory directory, DocumentLimiter documents, HttpContext http, CancellationToken cancellationToken)
    {
        var (identity, refusal) = await RecoveryReader.ReadAsync(request, directory, documents, http, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        await applicants.Grain(grains, identity!.DocumentNumber).RecoverWaitlistEntries(identity, request!.Procedure);
        return TypedResults.Accepted((string?)null, new RecoveryResponse("accepted",
            "If this document is waiting on a waitlist, the entry's id has been sent to the e-mail or phone given when joining."));
    }

    public static async Task<Results<Ok<WaitlistResponse>, ProblemHttpResult>> Get(
        string id, [FromHeader(Name = AppointmentsApi.DocumentNumberHeader)] string? documentNumber, IGrainFactory grains, ApplicantKeys applicants, OwnershipGuard guard, HttpContext http)
    {
        if (guard.Owner(http, id, documentNumber, grains, applicants, out var owner) is { } refused)
        {
            return refused;
        }

        var view = await owner.FindWaitlistEntry(id.Trim().ToUpperInvariant());
        return view is null ? NotFound(http, guard, id) : TypedResults.Ok(Response(view));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Leave(
        string id, [Required, FromHeader(Name = AppointmentsApi.DocumentNumberHeader)] string? documentNumber, IGrainFactory grains, ApplicantKeys applicants, OwnershipGuard guard, HttpContext http)
    {
        if (guard.Owner(http, id, documentNumber, grains, applicants, out var owner) is { } refused)
        {
            return refused;
        }

        return await owner.LeaveWaitlist(id.Trim().ToUpperInvariant())
            ? TypedResults.NoContent()
            : NotFound(http, guard, id);
    }

    /// <summary>An id and document number that do not go together: counted against the id and the client.</summary>
    private static ProblemHttpResult NotFound(HttpContext http, OwnershipGuard guard, string id)
    {
        guard.Failed(http, id);
        return Problems.Problems.NotFound("No waitlist entry with this id belongs to this document number.");
    }

    private static WaitlistResponse Response(WaitlistView view)
    {
        var e = view.Entry;
        return new WaitlistResponse(
            e.Id, e.Status.ToString().ToLowerInvariant(), view.Position, e.Procedure,
            string.Create(CultureInfo.InvariantCulture, $"{e.HomeLatitude},{e.HomeLongitude}"), e.RadiusKm,
            RequestReader.Format(e.From), RequestReader.Format(e.To), e.JoinedAt,
            e.OfficeId is not null && e.Date is { } date && e.Start is { } start && e.Status == WaitlistStatus.Booked
                ? new PlaceResponse(e.OfficeId, RequestReader.Format(date), RequestReader.Format(start))
                : null,
            e.Code, e.Note);
    }
}
