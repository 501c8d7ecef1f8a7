using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Scheduler.Api.Problems;

/// <summary>Problem details of batch allocation (stable <c>type</c> names, under <see cref="Problems.BaseUri"/>).</summary>
public static class AllocationProblems
{
    /// <summary>A direct booking (or move, or waitlist join) of a procedure whose seats are given in batches.</summary>
    public static ProblemHttpResult AllocatedByBatch(string procedure) =>
        Problem(StatusCodes.Status409Conflict, "allocation-mode-batch", "This procedure's seats are allocated in batches.",
            $"'{procedure}' is in batch mode: seats cannot be booked directly. File a request with POST /api/v1/requests; seats go to " +
            "the open requests in a random order at each batch.", ("mode", "batch"));

    /// <summary>A request for a procedure that is booked first-come.</summary>
    public static ProblemHttpResult FirstCome(string procedure) =>
        Problem(StatusCodes.Status409Conflict, "allocation-mode-first-come", "This procedure is booked first-come.",
            $"'{procedure}' is not allocated in batches: book a slot with POST /api/v1/appointments, or join the waitlist.", ("mode", "first-come"));

    /// <summary>Never carries the live request's id: a document number is not a secret.</summary>
    public static ProblemHttpResult AlreadyRequested() =>
        Problem(StatusCodes.Status409Conflict, "already-requested", "The applicant already has an open request for this procedure.",
            "Read or withdraw the open request with its id (GET or DELETE /api/v1/requests/{id}).");

    /// <summary>An operator changing the mode while requests (or waitlist entries) are open.</summary>
    public static ProblemHttpResult OpenRequests(int open) =>
        Problem(StatusCodes.Status409Conflict, "allocation-open-requests", "Requests are open under the current mode.",
            $"{open} requests or waitlist entries are open. Nothing changed. Send force:true to carry them over to the new mode.", ("open", open));

    private static ProblemHttpResult Problem(int status, string type, string title, string detail, params (string Key, object? Value)[] extensions)
    {
        var problem = new ProblemDetails { Type = Problems.BaseUri + type, Title = title, Status = status, Detail = detail };
        foreach (var (key, value) in extensions)
        {
            problem.Extensions[key] = value;
        }

        return TypedResults.Problem(problem);
    }
}
