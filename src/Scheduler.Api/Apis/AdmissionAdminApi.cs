using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Scheduler.Api.Hosting;
using Scheduler.Api.Models;
using Scheduler.Api.OpenApi;
using Scheduler.Api.Validation;
using Scheduler.Contracts;

namespace Scheduler.Api.Apis;

/// <summary>Operator routes of the waiting room: switch it per procedure, announce the opening, set the rate.</summary>
public static class AdmissionAdminApi
{
    public static RouteGroupBuilder MapAdmissionAdminApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(AdminApi.RoutePrefix + "/procedures/{procedureId}/admission").WithTags("Operators")
            .RequireAuthorization(AdminApi.OperatorPolicy).ProducesOperatorProblems();
        api.MapGet("/", Get).WithName("GetAdmission").WithSummary("A procedure's admission: on or off, opening, rates, tickets waiting")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/", Set).WithName("SetAdmission")
            .WithSummary("Switch a procedure's admission on or off, announce its opening time, set its admission rate")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<AdmissionStatusResponse>, ProblemHttpResult>> Get(
        string procedureId, IGrainFactory grains, OfficeDirectory directory, CancellationToken cancellationToken) =>
        await directory.ProcedureAsync(procedureId, cancellationToken) is null
            ? Problems.Problems.NotFound($"There is no procedure '{procedureId}'.")
            : TypedResults.Ok(ToResponse(await grains.GetGrain<IAdmissionQueueGrain>(procedureId).GetStatus()));

    public static async Task<Results<Ok<AdmissionStatusResponse>, ProblemHttpResult>> Set(
        string procedureId, AdmissionSettingsRequest? request, ClaimsPrincipal user, IGrainFactory grains, OfficeDirectory directory,
        Admission.AdmissionStatusRefresh refresh, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Problems.Problems.Validation("body", "is required");
        }

        var errors = new FieldErrors();
        DateTimeOffset? opening = null;
        if (request.OpeningAt is not null)
        {
            if (!DateTimeOffset.TryParseExact(request.OpeningAt, ["yyyy-MM-ddTHH:mm:sszzz", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ"],
                    CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                errors.Add("openingAt", "must be an ISO 8601 instant with its offset, e.g. 2026-12-01T08:00:00-05:00");
            }
            else
            {
                opening = parsed;
            }

            if (request.ClearOpening == true)
            {
                errors.Add("clearOpening", "cannot be true together with openingAt");
            }
        }

        if (request.AdmitPerSecond is { } rate && (double.IsNaN(rate) || rate is < 0.1 or > 1_000_000))
        {
            errors.Add("admitPerSecond", "must be between 0.1 and 1000000");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Problems.Validation(errors);
        }

        if (await directory.ProcedureAsync(procedureId, cancellationToken) is null)
        {
            return Problems.Problems.NotFound($"There is no procedure '{procedureId}'.");
        }

        var status = await grains.GetGrain<IAdmissionQueueGrain>(procedureId)
            .Configure(new AdmissionSettings(request.Enabled, opening, request.ClearOpening == true, request.AdmitPerSecond, AdminApi.Actor(user)));
        // This front door applies the switch at once; the others within one refresh period.
        await refresh.RefreshAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(status));
    }

    private static AdmissionStatusResponse ToResponse(AdmissionStatus s) => new(
        s.Procedure, s.On, s.Enabled, s.Automatic, s.OpeningAt, Math.Round(s.AdmitPerSecond, 2), Math.Round(s.EffectivePerSecond, 2),
        Math.Round(s.MeasuredPerSecond, 2), s.Waiting, s.Admitted);
}
