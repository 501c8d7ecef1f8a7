using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Scheduler.Api.Hosting;

/// <summary>
/// The applicant's page (<c>/</c>) and the operator console (<c>/console</c>): plain HTML, CSS and JavaScript modules
/// from the <c>Web</c> folder beside the app (copied there on build and publish), calling the public API like any other
/// front end. Every page answer carries a strict Content-Security-Policy (scripts, styles and calls from this origin
/// only; no inline script; no framing); the API routes' answers are left as they are.
/// </summary>
public static class WebPages
{
    public const string Folder = "Web";

    /// <summary>Scripts, styles and requests from this origin only; no inline code, no plug-ins, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static readonly string[] Languages = ["es", "en"];

    /// <summary>Serves the pages' files (under <c>/web</c>) and maps <c>/</c> and <c>/console</c>.</summary>
    public static WebApplication MapWebPages(this WebApplication app)
    {
        var files = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, Folder));
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = "/web",
            // Revalidate every time (ETag): a new release's page is never mixed with an old release's modules.
            OnPrepareResponse = context => Secure(context.Context.Response, "no-cache"),
        });

        var applicant = new PageVariants(files, "index.html");
        var console = new PageVariants(files, "console.html");
        app.MapGet("/", (HttpContext http) => Serve(http, applicant)).ExcludeFromDescription();
        app.MapGet("/console", (HttpContext http) => Serve(http, console)).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The page in the language asked for: <c>?lang=es|en</c> (the page's switch), else the first of Spanish or English
    /// in <c>Accept-Language</c> by quality, else Spanish.
    /// </summary>
    internal static string Language(HttpRequest request)
    {
        if (request.Query["lang"] is { Count: 1 } asked && Languages.Contains(asked[0]))
        {
            return asked[0]!;
        }

        var accepted = request.GetTypedHeaders().AcceptLanguage;
        foreach (var language in accepted.Where(l => l.Quality is not 0).OrderByDescending(l => l.Quality ?? 1))
        {
            var primary = language.Value.Value?.Split('-')[0].ToLowerInvariant();
            if (primary is not null && Languages.Contains(primary))
            {
                return primary;
            }
        }

        return "es";
    }

    private static IResult Serve(HttpContext http, PageVariants page)
    {
        var language = Language(http.Request);
        Secure(http.Response, "no-cache");
        http.Response.Headers.Vary = HeaderNames.AcceptLanguage;
        http.Response.Headers.ContentLanguage = language;
        return TypedResults.Text(page.In(language), "text/html; charset=utf-8");
    }

    private static void Secure(HttpResponse response, string cacheControl)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = new StringValues(cacheControl);
    }

    /// <summary>A page's HTML read once, with its <c>lang</c> attribute set per language (the scripts translate from it).</summary>
    private sealed class PageVariants(IFileProvider files, string name)
    {
        private readonly Lazy<IReadOnlyDictionary<string, string>> variants = new(() =>
        {
            var file = files.GetFileInfo(name);
            if (!file.Exists)
            {
                throw new FileNotFoundException($"The page {name} is missing from {Path.Combine(AppContext.BaseDirectory, Folder)}.", name);
            }

            using var reader = new StreamReader(file.CreateReadStream());
            var html = reader.ReadToEnd();
            return Languages.ToDictionary(l => l, l => html.Replace("<html lang=\"es\">", $"<html lang=\"{l}\">", StringComparison.Ordinal));
        });

        public string In(string language) => variants.Value[language];
    }
}
