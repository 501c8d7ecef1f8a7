using Microsoft.AspNetCore.Http.HttpResults;
using Scheduler.Api.Apis;
using Scheduler.Api.Hosting;
using Scheduler.Api.Models;
using Scheduler.Contracts;

namespace Scheduler.Api.Validation;

/// <summary>Reads a <see cref="RecoverRequest"/> (appointments and waitlist alike): the identity, or the problem to answer.</summary>
public static class RecoveryReader
{
    public static async Task<(ApplicantIdentity? Identity, ProblemHttpResult? Refusal)> ReadAsync(
        RecoverRequest? request, OfficeDirectory directory, DocumentLimiter documents, HttpContext http, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return (null, Problems.Problems.Validation("body", "is required"));
        }

        var errors = new FieldErrors();
        var identity = errors.Identity(string.Empty, request.DocumentType, request.DocumentNumber, request.Country);
        if (request.Procedure is not null)
        {
            await OfficesApi.KnownProcedure(errors, directory, request.Procedure, required: false, cancellationToken);
        }

        if (!errors.IsEmpty)
        {
            return (null, Problems.Problems.Validation(errors));
        }

        return documents.Refuse(http, identity!.DocumentNumber) is { } tooMany ? (null, tooMany) : (identity, null);
    }
}
