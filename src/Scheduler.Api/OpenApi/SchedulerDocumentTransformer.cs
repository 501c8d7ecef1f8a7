using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Scheduler.Api.OpenApi;

/// <summary>
/// What the document says about the API as a whole: its title, its areas, and the bearer scheme operators
/// authenticate with. Its one server is relative ("/"), so clients call the host they read the document from.
/// </summary>
public sealed class SchedulerDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "Bearer";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Search"] = "Procedures, offices and free seats; every answer comes from memory.",
        ["Appointments"] = "Booking, reading, rescheduling and cancelling an appointment (the owner's document number guards it).",
        ["Waitlist"] = "Waiting for a seat within reach; booked automatically when one appears.",
        ["Operators"] = "Capacity, closures, transfers, rosters, utilisation and the audit trail. Bearer token with role 'operator'.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Migration appointment scheduler";
        document.Info.Description = "Errors are RFC 7807 problem details (application/problem+json) with a stable 'type'; " +
            "a 400 names each bad field in 'errors'.";
        document.Servers = [new OpenApiServer { Url = "/", Description = "The host serving this document" }];
        foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT with role 'operator' (dotnet user-jwts create --role operator).",
        };
        return Task.CompletedTask;
    }
}
