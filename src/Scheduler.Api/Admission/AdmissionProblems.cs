using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Scheduler.Api.Admission;

/// <summary>The waiting room's problem answers (stable <c>type</c> names, as in <see cref="Problems.Problems"/>).</summary>
public static class AdmissionProblems
{
    /// <summary>
    /// 403: the request needs an admission token and the one sent is <c>missing</c>, <c>forged</c>, <c>expired</c>,
    /// <c>reused</c> (spent on another request), <c>not-admitted</c> (its ticket is unknown or still waiting) or for
    /// <c>another-procedure</c>. Nothing was booked.
    /// </summary>
    public static ProblemHttpResult Refused(string reason, string detail)
    {
        var problem = new ProblemDetails
        {
            Type = Problems.Problems.BaseUri + "admission-refused",
            Title = "Admission is required for this procedure now.",
            Status = StatusCodes.Status403Forbidden,
            Detail = detail + " Nothing was booked. Take a place with POST /api/v1/admission and poll GET /api/v1/admission/{ticket} for the token.",
        };
        problem.Extensions["reason"] = reason;
        return TypedResults.Problem(problem);
    }

    /// <summary>428: solve the challenge and ask again (proof of work: SHA-256, leading zero bits).</summary>
    public static ProblemHttpResult ProofOfWorkRequired(string challenge, int difficulty, DateTimeOffset expiresAt)
    {
        var problem = new ProblemDetails
        {
            Type = Problems.Problems.BaseUri + "proof-of-work-required",
            Title = "Solve the challenge to take a place.",
            Status = StatusCodes.Status428PreconditionRequired,
            Detail = $"Find an 'answer' whose SHA-256 of '<challenge>:<answer>' (UTF-8) starts with {difficulty} zero bits, and send the request again with 'challenge' and 'answer'.",
        };
        problem.Extensions["challenge"] = challenge;
        problem.Extensions["algorithm"] = "SHA-256";
        problem.Extensions["difficulty"] = difficulty;
        problem.Extensions["expiresAt"] = expiresAt;
        return TypedResults.Problem(problem);
    }
}
