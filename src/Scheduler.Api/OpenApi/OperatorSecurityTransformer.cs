using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Scheduler.Api.OpenApi;

/// <summary>
/// Operations behind an authorization policy require the bearer scheme; every other operation says it needs
/// no credentials (one empty requirement), so each operation states its security.
/// </summary>
public sealed class OperatorSecurityTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var authorized = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any();
        operation.Security =
        [
            authorized
                ? new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchedulerDocumentTransformer.BearerScheme, context.Document)] = [] }
                : new OpenApiSecurityRequirement(),
        ];
        return Task.CompletedTask;
    }
}
