namespace Scheduler.Api.OpenApi;

/// <summary>Problem answers that whole families of routes share, declared once for the OpenAPI document.</summary>
public static class ProblemResponses
{
    /// <summary>Every route: a bad field or query value (400, naming it) and a dependency that is not answering (503).</summary>
    public static TBuilder ProducesCommonProblems<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesValidationProblem().ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>Routes that take a JSON body: over 64 KB (413) or not sent as application/json (415).</summary>
    public static RouteHandlerBuilder ProducesBodyProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>Operator routes: no valid bearer token (401), or a token without the role (403).</summary>
    public static RouteGroupBuilder ProducesOperatorProblems(this RouteGroupBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
}
