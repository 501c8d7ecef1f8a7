using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Scheduler.Api.OpenApi;

/// <summary>
/// Request bodies list as required exactly the fields marked <see cref="RequiredAttribute"/>. Their records take
/// every field as nullable, so that a missing field is a 400 naming it rather than a JSON error, and the
/// generator would otherwise list every constructor parameter, optional ones included, as required.
/// </summary>
public sealed class RequiredFieldsTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo;
        if (type.Kind != JsonTypeInfoKind.Object || type.Type.Namespace != typeof(Models.BookAppointmentRequest).Namespace ||
            !type.Type.Name.EndsWith("Request", StringComparison.Ordinal) && !type.Type.Name.EndsWith("RequestBody", StringComparison.Ordinal))
        {
            return Task.CompletedTask;
        }

        schema.Required = type.Properties
            .Where(p => p.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true)
            .Select(p => p.Name)
            .ToHashSet(StringComparer.Ordinal);
        return Task.CompletedTask;
    }
}
