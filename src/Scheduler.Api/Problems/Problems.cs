using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Scheduler.Api.Validation;
using Scheduler.Api.Models;
using Scheduler.Domain;

namespace Scheduler.Api.Problems;

/// <summary>RFC 7807 answers with stable <c>type</c> names (the suffix after <see cref="BaseUri"/>).</summary>
public static class Problems
{
    public const string BaseUri = "https://scheduler.migraciones.example/problems/";

    public static ProblemHttpResult Validation(FieldErrors errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Type = BaseUri + "validation-error",
            Title = "The request is not valid.",
            Status = StatusCodes.Status400BadRequest,
            Detail = "Fix the fields listed in 'errors': " + string.Join(", ", errors.ToDictionary().Keys) + ".",
        });

    public static ProblemHttpResult Validation(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return Validation(errors);
    }

    public static ProblemHttpResult NotFound(string detail) =>
        Problem(StatusCodes.Status404NotFound, "not-found", "Not found.", detail);

    public static ProblemHttpResult SlotFull(AlternativesResponse alternatives) =>
        Problem(StatusCodes.Status409Conflict, "slot-full", "No free seat in the requested slot.",
            "Someone else took the last seat. See 'alternatives' for the next free slots here and at nearby offices.",
            ("alternatives", alternatives));

    /// <summary>
    /// Never carries the code: a document number is not a secret, so whoever shows only one learns no more
    /// than that an appointment exists. Its holder recovers the code through the contact given when booking.
    /// </summary>
    public static ProblemHttpResult AlreadyBooked() =>
        Problem(StatusCodes.Status409Conflict, "already-booked", "The applicant already has an appointment for this procedure.",
            "Reschedule or cancel the existing appointment with its code. A lost code is sent again to the e-mail or phone given " +
            "when booking: POST /api/v1/appointments/recover.");

    /// <summary>Never carries the entry's id, for the same reason as <see cref="AlreadyBooked"/>.</summary>
    public static ProblemHttpResult AlreadyWaiting() =>
        Problem(StatusCodes.Status409Conflict, "already-waiting", "The applicant is already on the waitlist for this procedure.",
            "Read or leave the existing entry with its id. A lost id is sent again to the e-mail or phone given when joining: " +
            "POST /api/v1/waitlist/recover.");

    public static ProblemHttpResult NotOffered(string detail) =>
        Problem(StatusCodes.Status409Conflict, "not-offered", "The office does not offer this slot.", detail);

    public static ProblemHttpResult IdempotencyKeyReused(string field = "Idempotency-Key") =>
        Problem(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", $"The {field} was used for a different request.",
            $"Use a new {field} for a different request.", ("field", field), ("errors", new Dictionary<string, string[]> { [field] = ["was used for a different request"] }));

    public static ProblemHttpResult CapacityConflict(IReadOnlyList<AppointmentResponse> displaced) =>
        Problem(StatusCodes.Status409Conflict, "capacity-conflict", "The change would leave booked appointments without a seat.",
            "Nothing was changed. The appointments listed in 'displaced' hold the seats the change removes.", ("displaced", displaced));

    public static ProblemHttpResult TransferRefused(string detail) =>
        Problem(StatusCodes.Status409Conflict, "transfer-refused", "The transfer was not applied; neither office changed.", detail);

    public static ProblemDetails Unavailable(string detail) => new()
    {
        Type = BaseUri + "unavailable",
        Title = "The scheduler is temporarily unavailable.",
        Status = StatusCodes.Status503ServiceUnavailable,
        Detail = detail,
    };

    public static ProblemDetails RateLimited() => new()
    {
        Type = BaseUri + "rate-limited",
        Title = "Too many requests.",
        Status = StatusCodes.Status429TooManyRequests,
        Detail = "The scheduler is at capacity. Retry after the number of seconds in Retry-After.",
    };

    /// <summary>Too many failed ownership proofs: the same answer whether or not the last one would have matched.</summary>
    public static ProblemHttpResult TooManyFailedAttempts() =>
        Problem(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many failed attempts.",
            "Too many codes and document numbers that do not match were tried. Retry after the number of seconds in Retry-After.");

    /// <summary>Too many writes naming one document number.</summary>
    public static ProblemHttpResult TooManyForDocument() =>
        Problem(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests for this document.",
            "Too many bookings, changes or recoveries named this document number. Retry after the number of seconds in Retry-After.");

    public static ProblemDetails BadRequest(string field, string message) => new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
    {
        Type = BaseUri + "validation-error",
        Title = "The request is not valid.",
        Status = StatusCodes.Status400BadRequest,
        Detail = $"Fix '{field}': {message}.",
    };

    public static ProblemDetails BodyTooLarge(int maxBytes) => new HttpValidationProblemDetails(
        new Dictionary<string, string[]> { ["body"] = [$"must be at most {maxBytes} bytes"] })
    {
        Type = BaseUri + "body-too-large",
        Title = "The request body is too large.",
        Status = StatusCodes.Status413PayloadTooLarge,
        Detail = $"Send at most {maxBytes} bytes of JSON.",
    };

    private static ProblemHttpResult Problem(int status, string type, string title, string detail, params (string Key, object? Value)[] extensions)
    {
        var problem = new ProblemDetails { Type = BaseUri + type, Title = title, Status = status, Detail = detail };
        foreach (var (key, value) in extensions)
        {
            problem.Extensions[key] = value;
        }

        return TypedResults.Problem(problem);
    }
}
