using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Scheduler.Api.Hosting;

/// <summary>
/// A 200 whose JSON body was rendered before the request came: every request that asks the same question
/// within the cache lifetime is answered with the same bytes, without serialising again. The endpoint's
/// OpenAPI description still names <typeparamref name="T"/> as the body.
/// </summary>
public sealed class RenderedJson<T>(byte[] body) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IContentTypeHttpResult
{
    private static readonly string[] JsonContentTypes = ["application/json"];

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => "application/json; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = body.Length;
        await response.BodyWriter.WriteAsync(body, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), JsonContentTypes));
}
