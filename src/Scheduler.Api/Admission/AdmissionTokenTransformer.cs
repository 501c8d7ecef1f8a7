using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Scheduler.Api.Admission;

/// <summary>Routes behind the waiting room document their optional <c>Admission-Token</c> header (required while admission is on).</summary>
public sealed class AdmissionTokenTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<AdmissionRequiredMetadata>().Any())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = AdmissionGate.TokenHeader,
                In = ParameterLocation.Header,
                Required = false,
                Description = "Required while the procedure's admission is on: the token of an admitted waiting-room ticket (GET /api/v1/admission/{ticket}). " +
                    "Good for one request and its retries with the same Idempotency-Key; missing, forged, expired or reused is a 403 admission-refused.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        return Task.CompletedTask;
    }
}
