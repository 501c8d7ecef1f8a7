using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Scheduler.Api.OpenApi;

/// <summary>
/// Every route that takes a body needs one: handlers take it as nullable only to answer a missing body with a
/// 400 naming it, which the generator would otherwise document as an optional body.
/// </summary>
public sealed class RequiredBodyTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.RequestBody is OpenApiRequestBody body)
        {
            body.Required = true;
        }

        return Task.CompletedTask;
    }
}
