namespace Scheduler.Api.Admission;

/// <summary>
/// Puts a route behind the waiting room: while its procedure's admission is on, a request needs a valid
/// <c>Admission-Token</c> (see <see cref="AdmissionGate.FilterAsync"/>). One line on a route, e.g.
/// <c>.RequireAdmission((BookAppointmentRequest r) =&gt; r.Procedure)</c>.
/// </summary>
public static class AdmissionRequirement
{
    /// <summary>The procedure comes from the request's body of type <typeparamref name="TRequest"/> (no body: no check; the handler answers 400).</summary>
    public static RouteHandlerBuilder RequireAdmission<TRequest>(this RouteHandlerBuilder builder, Func<TRequest, string?> procedureOf) =>
        builder.RequireAdmission(context => ValueTask.FromResult(context.Arguments.OfType<TRequest>().FirstOrDefault() is { } request ? procedureOf(request) : null));

    /// <summary>The procedure is found by <paramref name="procedureOf"/> (null: no check).</summary>
    public static RouteHandlerBuilder RequireAdmission(this RouteHandlerBuilder builder, Func<EndpointFilterInvocationContext, ValueTask<string?>> procedureOf) =>
        builder
            .AddEndpointFilter(async (context, next) =>
                await context.HttpContext.RequestServices.GetRequiredService<AdmissionGate>().FilterAsync(context, next, await procedureOf(context)))
            .WithMetadata(new AdmissionRequiredMetadata())
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
