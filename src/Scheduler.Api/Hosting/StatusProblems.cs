
namespace Scheduler.Api.Hosting;

/// <summary>
/// Gives the bare status answers of the pipeline (unknown route, wrong method, wrong content type, missing
/// credentials) the same stable problem <c>type</c> names as the handlers' own answers.
/// </summary>
public static class StatusProblems
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Type is not null && problem.Type.StartsWith(Problems.Problems.BaseUri, StringComparison.Ordinal))
        {
            return;
        }

        switch (problem.Status)
        {
            case StatusCodes.Status415UnsupportedMediaType:
                problem.Type = Problems.Problems.BaseUri + "validation-error";
                problem.Detail = "Send the body as application/json.";
                problem.Extensions["errors"] = new Dictionary<string, string[]> { ["body"] = ["must be sent as application/json"] };
                break;
            case StatusCodes.Status404NotFound:
                problem.Type = Problems.Problems.BaseUri + "not-found";
                break;
            case StatusCodes.Status405MethodNotAllowed:
                problem.Type = Problems.Problems.BaseUri + "method-not-allowed";
                break;
            case StatusCodes.Status401Unauthorized:
                problem.Type = Problems.Problems.BaseUri + "unauthorized";
                problem.Detail = "Send a bearer token (see the README: dotnet user-jwts).";
                break;
            case StatusCodes.Status403Forbidden:
                problem.Type = Problems.Problems.BaseUri + "forbidden";
                problem.Detail = "This route needs the role 'operator'.";
                break;
        }
    }
}
