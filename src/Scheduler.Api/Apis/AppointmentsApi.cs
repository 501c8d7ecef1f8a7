using System.ComponentModel.DataAnnotations;
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
using Scheduler.Grains.Hosting;
using Scheduler.Grains;
using Scheduler.Domain;

namespace Scheduler.Api.Apis;

/// <summary>Booking, reading, rescheduling and cancelling appointments (applicant side).</summary>
public static class AppointmentsApi
{
    public const string DocumentNumberHeader = "X-Document-Number";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string BookingRateLimitPolicy = "bookings";

    public static RouteGroupBuilder MapAppointmentsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1/appointments").WithTags("Appointments");
        api.MapPost("/", Book).WithName("BookAppointment").WithSummary("Book a slot (earliest that day when no start is given)")
            .RequireRateLimiting(BookingRateLimitPolicy)
            .RequireAdmission((BookAppointmentRequest request) => request.Procedure)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/recover", Recover).WithName("RecoverAppointmentCode")
            .WithSummary("Send a lost code again to the e-mail or phone given when booking; the same 202 whether or not one exists")
            .ProducesBodyProblems();
        api.MapGet("/{code}", Get).WithName("GetAppointment").WithSummary("Read an appointment (needs the owner's document number)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/{code}/reschedule", Reschedule).WithName("RescheduleAppointment")
            .WithSummary("Move an appointment; the new seat is taken before the old one is released")
            .RequireRateLimiting(BookingRateLimitPolicy)
            .RequireAdmission(ProcedureOfAppointment)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapDelete("/{code}", Cancel).WithName("CancelAppointment").WithSummary("Cancel an appointment; repeating it is harmless")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    public static async Task<Results<Created<AppointmentResponse>, ProblemHttpResult>> Book(
        BookAppointmentRequest? request,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        BookingDesk desk, OfficeDirectory directory, AvailabilityCache cache, IOptions<BookingWindowOptions> window,
        DocumentLimiter documents, AllocationSettingsCache allocation, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (request is null)
        {
            return Problems.Problems.Validation("body", "is required");
        }

        var key = IdempotencyKey(errors, idempotencyKey);
        var procedure = errors.Id("procedure", request.Procedure);
        var officeId = errors.Id("officeId", request.OfficeId);
        var date = errors.Date("date", request.Date);
        var start = errors.Time("start", request.Start);
        var applicant = errors.Applicant("applicant", request.Applicant);
        var home = OfficesApi.Near(errors, request.Near, required: false);
        if (!errors.IsEmpty)
        {
            return Problems.Problems.Validation(errors);
        }

        if (await CheckOffice(directory, procedure!, officeId!, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        // The procedure's allocation: batch mode takes no direct booking; a regional reserve holds seats back from anyone
        // outside its group (no home given: not in the group); the filing time is recorded against the deadline.
        var settings = await allocation.GetAsync(procedure!);
        if (settings.Mode == AllocationMode.Batch)
        {
            return AllocationProblems.AllocatedByBatch(procedure!);
        }

        var inGroup = settings.Reserve is not null && home is not null &&
            ReserveRule.InGroup(settings.Reserve, home, [.. await directory.OfficesAsync(cancellationToken)], procedure!);
        var policy = SeatPolicy.For(settings, inGroup, clock.GetUtcNow());

        if (documents.Refuse(http, applicant!.Identity.DocumentNumber) is { } tooMany)
        {
            return tooMany;
        }

        // One grain call for a person who holds nothing: the day decides every slot rule and the free seat, and the journal
        // refuses a second claim (then the desk lets the person's applicant grain decide).
        var command = new BookingCommand(applicant!, procedure!, officeId!, date!.Value, start, policy);
        var outcome = await desk.BookAsync(command, key);
        return outcome.Result switch
        {
            BookingResult.Booked => TypedResults.Created($"/api/v1/appointments/{outcome.Appointment!.Code}", outcome.Appointment.ToResponse()),
            BookingResult.AlreadyBooked => Problems.Problems.AlreadyBooked(),
            BookingResult.IdempotencyKeyReused => Problems.Problems.IdempotencyKeyReused(),
            BookingResult.SlotFull => Problems.Problems.SlotFull(await Alternatives(cache, directory, procedure!, officeId!, date.Value, start, cancellationToken)),
            _ => await NotOffered(cache, window.Value, outcome.Refusal, procedure!, officeId!, date.Value),
        };
    }

    public static async Task<Results<Accepted<RecoveryResponse>, ProblemHttpResult>> Recover(
        RecoverRequest? request, IGrainFactory grains, ApplicantKeys applicants, OfficeDirectory directory, DocumentLimiter documents, HttpContext http, CancellationToken cancellationToken)
    {
        var (identity, refusal) = await RecoveryReader.ReadAsync(request, directory, documents, http, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        await applicants.Grain(grains, identity!.DocumentNumber).RecoverAppointments(identity, request!.Procedure);
        return TypedResults.Accepted((string?)null, new RecoveryResponse("accepted",
            "If an active appointment matches this document, its code has been sent to the e-mail or phone given when booking."));
    }

    public static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> Get(
        string code, [Required, FromHeader(Name = DocumentNumberHeader)] string? documentNumber, IGrainFactory grains, ApplicantKeys applicants, OwnershipGuard guard, HttpContext http)
    {
        if (guard.Refuse(http, code) is { } throttled)
        {
            return throttled;
        }

        if (Owner(code, documentNumber) is not { } owner)
        {
            return Invalid(http, guard, code, documentNumber);
        }

        var appointment = await applicants.Grain(grains, owner.DocumentNumber).Find(owner.Code);
        return appointment is null ? NotFound(http, guard, code) : TypedResults.Ok(appointment.ToResponse());
    }

    public static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> Reschedule(
        string code, RescheduleRequest? request,
        [Required, FromHeader(Name = DocumentNumberHeader)] string? documentNumber,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        IGrainFactory grains, ApplicantKeys applicants, OfficeDirectory directory, AvailabilityCache cache, IOptions<BookingWindowOptions> window,
        OwnershipGuard guard, DocumentLimiter documents, AllocationSettingsCache allocation, HttpContext http, CancellationToken cancellationToken)
    {
        if (guard.Refuse(http, code) is { } throttled)
        {
            return throttled;
        }

        var errors = new FieldErrors();
        var owner = Owner(code, documentNumber);
        if (owner is null)
        {
            return Invalid(http, guard, code, documentNumber);
        }

        if (request is null)
        {
            return Problems.Problems.Validation("body", "is required");
        }

        var key = IdempotencyKey(errors, idempotencyKey);
        var officeId = errors.Id("officeId", request.OfficeId);
        var date = errors.Date("date", request.Date);
        var start = errors.Time("start", request.Start);
        if (!errors.IsEmpty)
        {
            return Problems.Problems.Validation(errors);
        }

        if (await directory.OfficeAsync(officeId!, cancellationToken) is null)
        {
            return Problems.Problems.NotFound($"There is no office '{officeId}'.");
        }

        if (documents.Refuse(http, owner.DocumentNumber) is { } tooMany)
        {
            return tooMany;
        }

        var applicant = applicants.Grain(grains, owner.DocumentNumber);
        if (await applicant.Find(owner.Code) is not { } current)
        {
            return NotFound(http, guard, code);
        }

        // A move takes a new seat: in batch mode seats go only to requests, so moving is not a way around the lottery.
        if ((await allocation.GetAsync(current.Procedure)).Mode == AllocationMode.Batch)
        {
            return AllocationProblems.AllocatedByBatch(current.Procedure);
        }

        var outcome = await applicant.Reschedule(new RescheduleCommand(owner.Code, officeId!, date!.Value, start), key);
        if (outcome.Result == BookingResult.NotFound)
        {
            return NotFound(http, guard, code);
        }

        if (outcome.Result == BookingResult.Booked)
        {
            return TypedResults.Ok(outcome.Appointment!.ToResponse());
        }

        // A refusal: the alternatives and the messages need the appointment's procedure (one more call, refusals only).
        var procedure = current.Procedure;
        if (await CheckOffice(directory, procedure, officeId!, cancellationToken) is { } notServed)
        {
            return notServed;
        }

        return outcome.Result == BookingResult.SlotFull
            ? Problems.Problems.SlotFull(await Alternatives(cache, directory, procedure, officeId!, date.Value, start, cancellationToken))
            : await NotOffered(cache, window.Value, outcome.Refusal, procedure, officeId!, date.Value);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Cancel(
        string code, [Required, FromHeader(Name = DocumentNumberHeader)] string? documentNumber, IGrainFactory grains, ApplicantKeys applicants, OwnershipGuard guard, DocumentLimiter documents,
        HttpContext http)
    {
        if (guard.Refuse(http, code) is { } throttled)
        {
            return throttled;
        }

        if (Owner(code, documentNumber) is not { } owner)
        {
            return Invalid(http, guard, code, documentNumber);
        }

        if (documents.Refuse(http, owner.DocumentNumber) is { } tooMany)
        {
            return tooMany;
        }

        return await applicants.Grain(grains, owner.DocumentNumber).Cancel(owner.Code) ? TypedResults.NoContent() : NotFound(http, guard, code);
    }

    /// <summary>
    /// The procedure of the appointment a reschedule names, for the waiting room's check: read (one grain call) only
    /// while some procedure's admission is on, and only for a code and document number that go together; anything
    /// else is left to the handler (which answers 400 or 404 and counts the failed proof).
    /// </summary>
    internal static async ValueTask<string?> ProcedureOfAppointment(EndpointFilterInvocationContext context)
    {
        var http = context.HttpContext;
        if (!http.RequestServices.GetRequiredService<AdmissionGate>().AnyOn || http.GetRouteValue("code") is not string code
            || Owner(code, http.Request.Headers[DocumentNumberHeader].ToString()) is not { } owner)
        {
            return null;
        }

        var applicants = http.RequestServices.GetRequiredService<ApplicantKeys>();
        return (await applicants.Grain(http.RequestServices.GetRequiredService<IGrainFactory>(), owner.DocumentNumber).Find(owner.Code))?.Procedure;
    }

    /// <summary>The office exists and serves the procedure (what the catalogue knows; the slot rules are the day's).</summary>
    private static async Task<ProblemHttpResult?> CheckOffice(OfficeDirectory directory, string procedure, string officeId, CancellationToken cancellationToken)
    {
        if (await directory.ProcedureAsync(procedure, cancellationToken) is null)
        {
            return Problems.Problems.Validation("procedure", $"'{procedure}' is not a procedure on offer");
        }

        if (await directory.OfficeAsync(officeId, cancellationToken) is not { } office)
        {
            return Problems.Problems.NotFound($"There is no office '{officeId}'.");
        }

        return office.Procedures.Contains(procedure)
            ? null
            : Problems.Problems.Validation("procedure", $"office '{officeId}' does not offer '{procedure}'");
    }

    /// <summary>The day's slot rules refused the request: the field at fault and why, in the words of the contract.</summary>
    private static async Task<ProblemHttpResult> NotOffered(
        AvailabilityCache cache, BookingWindowOptions window, SlotRefusal refusal, string procedure, string officeId, DateOnly date) => refusal switch
        {
            SlotRefusal.InThePast => Problems.Problems.Validation("date", "is in the past"),
            SlotRefusal.BeyondHorizon => Problems.Problems.Validation("date", $"is beyond the booking window ({window.HorizonDays} days ahead)"),
            SlotRefusal.Closed => Problems.Problems.Validation("date", $"office '{officeId}' is closed for '{procedure}' on that date"),
            SlotRefusal.NotOnGrid => Problems.Problems.Validation("start",
                $"is not on the slot grid; slots start at {string.Join(", ", (await cache.PlanAsync(officeId, procedure, date)).Slots.Take(4).Select(s => RequestReader.Format(s.Start)))}..."),
            SlotRefusal.Begun => Problems.Problems.Validation("start", "has already begun"),
            _ => Problems.Problems.NotOffered("The office no longer offers this slot; search again."),
        };

    /// <summary>Next free slots at the office from that date, and nearby offices with a free seat that day.</summary>
    private static async Task<AlternativesResponse> Alternatives(
        AvailabilityCache cache, OfficeDirectory directory, string procedure, string officeId, DateOnly date, TimeOnly? refused, CancellationToken cancellationToken)
    {
        var office = await directory.OfficeAsync(officeId, cancellationToken);
        // The cached board may lag by a moment: never offer the slot that was just refused.
        var sameOffice = (await cache.FreeSlotsAsync(officeId, procedure, date, 6)).Where(s => s.Date != date || s.Start != refused).Take(5).ToArray();
        var nearby = new List<NearbyAlternative>();
        if (office is not null)
        {
            var candidates = (await directory.SearchAsync(procedure, new GeoPoint(office.Latitude, office.Longitude), cancellationToken))
                .Where(o => o.Office.Id != officeId)
                .Take(8)
                .ToArray();
            var found = await Task.WhenAll(candidates.Select(async o =>
                (o.Office, o.DistanceKm, Slots: await cache.FreeSlotsAsync(o.Office.Id, procedure, date, 1))));
            nearby.AddRange(found
                .Where(f => f.Slots.Count > 0 && f.Slots[0].Date == date)
                .Take(5)
                .Select(f => new NearbyAlternative(
                    f.Office.Id, f.Office.Name, f.DistanceKm ?? 0, RequestReader.Format(f.Slots[0].Date),
                    RequestReader.Format(f.Slots[0].Start), RequestReader.Format(f.Slots[0].End), f.Slots[0].Free)));
        }

        return new AlternativesResponse(
            sameOffice.Select(s => new AlternativeSlot(RequestReader.Format(s.Date), RequestReader.Format(s.Start), RequestReader.Format(s.End), s.Free)).ToArray(),
            nearby);
    }

    internal static string? IdempotencyKey(FieldErrors errors, string? key)
    {
        if (key is null)
        {
            return null;
        }

        if (key.Length is 0 or > 100 || key.Any(c => c is < '!' or > '~'))
        {
            errors.Add(IdempotencyKeyHeader, "must be 1 to 100 printable ASCII characters without spaces");
            return null;
        }

        return key;
    }

    private sealed record AppointmentOwner(string Code, string DocumentNumber);

    private static AppointmentOwner? Owner(string code, string? documentNumber)
    {
        var errors = new FieldErrors();
        var number = errors.DocumentNumber(DocumentNumberHeader, documentNumber);
        return number is not null && ConfirmationCode.TryNormalize(code, out var normalized) ? new AppointmentOwner(normalized, number) : null;
    }

    /// <summary>A malformed code looks like any unknown code; only a missing or malformed document number is named.</summary>
    private static ProblemHttpResult Invalid(HttpContext http, OwnershipGuard guard, string code, string? documentNumber)
    {
        var errors = new FieldErrors();
        return errors.DocumentNumber(DocumentNumberHeader, documentNumber) is null ? Problems.Problems.Validation(errors) : NotFound(http, guard, code);
    }

    /// <summary>A code and document number that do not go together: counted against the code and the client.</summary>
    private static ProblemHttpResult NotFound(HttpContext http, OwnershipGuard guard, string code)
    {
        guard.Failed(http, code);
        return NotFound();
    }

    private static ProblemHttpResult NotFound() =>
        Problems.Problems.NotFound("No appointment with this code belongs to this document number.");
}
