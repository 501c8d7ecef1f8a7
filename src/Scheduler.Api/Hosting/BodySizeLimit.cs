using Microsoft.AspNetCore.Http.Features;

namespace Scheduler.Api.Hosting;

/// <summary>
/// Refuses request bodies over <see cref="MaxBytes"/> with a 413 problem before anything reads them. Every body
/// this API takes is a small JSON document (a booking is well under 1 KB). A body sent without a length
/// (chunked) is read into memory up to the limit first, so no handler ever meets the limit half way through.
/// </summary>
public static class BodySizeLimit
{
    public const int MaxBytes = 64 * 1024;

    public static IApplicationBuilder UseBodySizeLimit(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        var request = http.Request;
        if (request.ContentLength > MaxBytes)
        {
            return RefuseAsync(http);
        }

        // The common cases (a GET, a body of known length within the limit) pass straight on, without an async step.
        return request.ContentLength is null && http.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true
            ? BufferAsync(http, next)
            : next(http);
    });

    private static async Task BufferAsync(HttpContext http, RequestDelegate next)
    {
        var request = http.Request;
        var buffered = new MemoryStream();
        var chunk = new byte[8 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffered.Length + read > MaxBytes)
            {
                await RefuseAsync(http);
                return;
            }

            buffered.Write(chunk, 0, read);
        }

        buffered.Position = 0;
        request.Body = buffered;
        request.ContentLength = buffered.Length;

        await next(http);
    }

    private static Task RefuseAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = Problems.Problems.BodyTooLarge(MaxBytes),
        }).AsTask();
    }
}
