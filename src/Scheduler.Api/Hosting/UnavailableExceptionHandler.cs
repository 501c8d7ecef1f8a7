using System.Data.Common;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;
using Orleans.Storage;

namespace Scheduler.Api.Hosting;

/// <summary>
/// Turns failures that are not the client's fault into 503 problems (storage down, silo lost, timeout) and
/// unreadable bodies into 400 problems naming the field; everything else stays a 500 and is logged.
/// </summary>
public sealed partial class UnavailableExceptionHandler(IProblemDetailsService problems, ILogger<UnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        Microsoft.AspNetCore.Mvc.ProblemDetails problem;
        if (exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            problem = Problems.Problems.BodyTooLarge(BodySizeLimit.MaxBytes);
        }
        else if (exception is BadHttpRequestException bad)
        {
            var field = FindJsonPath(bad) is { } path ? JsonField(path) : BoundParameter().Match(bad.Message) is { Success: true } bound ? bound.Groups[1].Value : "body";
            var message = bad.StatusCode == StatusCodes.Status415UnsupportedMediaType
                ? "must be sent as application/json"
                : bad.InnerException is JsonException ? "is not valid JSON or has the wrong type" : bad.Message;
            problem = Problems.Problems.BadRequest(field, message);
            problem.Status = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest;
        }
        else if (IsTransient(exception))
        {
            logger.LogWarning(exception, "Request failed on an unavailable dependency");
            problem = Problems.Problems.Unavailable("Storage or a cluster member is not answering. Nothing was changed unless a later read shows it; retry with the same Idempotency-Key.");
            http.Response.Headers.RetryAfter = "2";
        }
        else
        {
            return false;
        }

        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException or DbException or InconsistentStateException or SiloUnavailableException or
                OrleansMessageRejectionException or OperationCanceledException)
            {
                return true;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsTransient))
            {
                return true;
            }
        }

        return exception is OrleansException;
    }

    private static string? FindJsonPath(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is JsonException { Path: { } path })
            {
                return path;
            }
        }

        return null;
    }

    /// <summary><c>$.applicant.documentNumber</c> becomes <c>applicant.documentNumber</c>; the root is the body.</summary>
    private static string JsonField(string path) => path is "$" or "" ? "body" : path.TrimStart('$', '.');

    /// <summary>Minimal APIs report a query or route value of the wrong type as <c>Failed to bind parameter "int? limit" from "abc"</c>.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("""parameter "(?:[^"]*[\s.])?([A-Za-z_][A-Za-z0-9_]*)" from""")]
    private static partial System.Text.RegularExpressions.Regex BoundParameter();
}
