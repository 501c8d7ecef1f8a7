using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Scheduler.Api.Hosting;
using Scheduler.Api.Models;
using Scheduler.Api.OpenApi;
using Scheduler.Api.Validation;
using Scheduler.Contracts;
using Scheduler.Grains;
using Scheduler.Grains.Domain;
using Scheduler.Grains.Telemetry;

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
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/{code}", Get).WithName("GetAppointment").WithSummary("Read an appointment (needs the owner's document number)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{code}/reschedule", Reschedule).WithName("RescheduleAppointment")
            .WithSummary("Move an appointment; the new seat is taken before the old one is released")
            .RequireRateLimiting(BookingRateLimitPolicy)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapDelete("/{code}", Cancel).WithName("CancelAppointment").WithSummary("Cancel an appointment; repeating it is harmless")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Created<AppointmentResponse>, ProblemHttpResult>> Book(
        BookAppointmentRequest? request,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        SchedulerMetrics metrics,
        IGrainFactory grains, OfficeDirectory directory, AvailabilityCache cache, TimeProvider clock, IOptions<BookingWindowOptions> window,
        CancellationToken cancellationToken)
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
        if (!errors.IsEmpty)
        {
            return Problems.Problems.Validation(errors);
        }

        if (await CheckSlot(cache, directory, clock, window.Value, procedure!, officeId!, date!.Value, start, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        // A full slot refuses newcomers straight from the day's memory; anyone who ever held a seat there
        // (so a retry could be theirs) goes through their applicant grain, which keeps idempotency.
        var day = grains.GetGrain<IDayInventoryGrain>(new DayKey(officeId!, procedure!, date.Value).ToString());
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (await day.RefusesUnseen(start, applicant!.Identity))
        {
            metrics.Booking(nameof(BookingResult.SlotFull), System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return Problems.Problems.SlotFull(await Alternatives(cache, directory, procedure!, officeId!, date.Value, start, cancellationToken));
        }

        var command = new BookingCommand(applicant, procedure!, officeId!, date.Value, start);
        var outcome = await grains.GetGrain<IApplicantGrain>(applicant!.Identity.DocumentNumber).Book(command, key);
        return outcome.Result switch
        {
            BookingResult.Booked => TypedResults.Created($"/api/v1/appointments/{outcome.Appointment!.Code}", outcome.Appointment.ToResponse()),
            BookingResult.AlreadyBooked => Problems.Problems.AlreadyBooked(outcome.ExistingCode!),
            BookingResult.IdempotencyKeyReused => Problems.Problems.IdempotencyKeyReused(),
            BookingResult.SlotFull => Problems.Problems.SlotFull(await Alternatives(cache, directory, procedure!, officeId!, date.Value, start, cancellationToken)),
            _ => Problems.Problems.NotOffered("The office no longer offers this slot; search again."),
        };
    }

    public static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> Get(
        string code, [Required, FromHeader(Name = DocumentNumberHeader)] string? documentNumber, IGrainFactory grains)
    {
        if (Owner(code, documentNumber) is not { } owner)
        {
            return Invalid(documentNumber);
        }

        var appointment = await grains.GetGrain<IApplicantGrain>(owner.DocumentNumber).Find(owner.Code);
        return appointment is null ? NotFound() : TypedResults.Ok(appointment.ToResponse());
    }

    public static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> Reschedule(
        string code, RescheduleRequest? request,
        [Required, FromHeader(Name = DocumentNumberHeader)] string? documentNumber,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        IGrainFactory grains, OfficeDirectory directory, AvailabilityCache cache, TimeProvider clock, IOptions<BookingWindowOptions> window,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var owner = Owner(code, documentNumber);
        if (owner is null)
        {
            return Invalid(documentNumber);
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

        var applicant = grains.GetGrain<IApplicantGrain>(owner.DocumentNumber);
        if (await applicant.Find(owner.Code) is not { IsActive: true } current)
        {
            return NotFound();
        }

        if (await CheckSlot(cache, directory, clock, window.Value, current.Procedure, officeId!, date!.Value, start, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var outcome = await applicant.Reschedule(new RescheduleCommand(owner.Code, officeId!, date.Value, start), key);
        return outcome.Result switch
        {
            BookingResult.Booked => TypedResults.Ok(outcome.Appointment!.ToResponse()),
            BookingResult.NotFound => NotFound(),
            BookingResult.SlotFull => Problems.Problems.SlotFull(await Alternatives(cache, directory, current.Procedure, officeId!, date.Value, start, cancellationToken)),
            _ => Problems.Problems.NotOffered("The office no longer offers this slot; search again."),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Cancel(
        string code, [Required, FromHeader(Name = DocumentNumberHeader)] string? documentNumber, IGrainFactory grains)
    {
        if (Owner(code, documentNumber) is not { } owner)
        {
            return Invalid(documentNumber);
        }

        return await grains.GetGrain<IApplicantGrain>(owner.DocumentNumber).Cancel(owner.Code) ? TypedResults.NoContent() : NotFound();
    }

    /// <summary>
    /// Checks what can be known before touching an applicant: the office and procedure exist, the date is
    /// inside the booking window, and the start is on the day's slot grid and has not begun.
    /// </summary>
    private static async Task<ProblemHttpResult?> CheckSlot(
        AvailabilityCache cache, OfficeDirectory directory, TimeProvider clock, BookingWindowOptions window,
        string procedure, string officeId, DateOnly date, TimeOnly? start, CancellationToken cancellationToken)
    {
        if (await directory.ProcedureAsync(procedure, cancellationToken) is null)
        {
            return Problems.Problems.Validation("procedure", $"'{procedure}' is not a procedure on offer");
        }

        if (await directory.OfficeAsync(officeId, cancellationToken) is not { } office)
        {
            return Problems.Problems.NotFound($"There is no office '{officeId}'.");
        }

        if (!office.Procedures.Contains(procedure))
        {
            return Problems.Problems.Validation("procedure", $"office '{officeId}' does not offer '{procedure}'");
        }

        var (today, now) = clock.At(office.TimeZone);
        if (date < today)
        {
            return Problems.Problems.Validation("date", "is in the past");
        }

        if (date > today.AddDays(window.HorizonDays))
        {
            return Problems.Problems.Validation("date", $"is beyond the booking window ({window.HorizonDays} days ahead)");
        }

        var plan = await cache.PlanAsync(officeId, procedure, date);
        if (plan.Slots.Count == 0)
        {
            return Problems.Problems.Validation("date", $"office '{officeId}' is closed for '{procedure}' on that date");
        }

        if (start is { } wanted)
        {
            if (plan.Slots.All(s => s.Start != wanted))
            {
                return Problems.Problems.Validation("start",
                    $"is not on the slot grid; slots start at {string.Join(", ", plan.Slots.Take(4).Select(s => RequestReader.Format(s.Start)))}...");
            }

            if (date == today && wanted <= now)
            {
                return Problems.Problems.Validation("start", "has already begun");
            }
        }

        return null;
    }

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

    private static string? IdempotencyKey(FieldErrors errors, string? key)
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
    private static ProblemHttpResult Invalid(string? documentNumber)
    {
        var errors = new FieldErrors();
        return errors.DocumentNumber(DocumentNumberHeader, documentNumber) is null ? Problems.Problems.Validation(errors) : NotFound();
    }

    private static ProblemHttpResult NotFound() =>
        Problems.Problems.NotFound("No appointment with this code belongs to this document number.");
}
