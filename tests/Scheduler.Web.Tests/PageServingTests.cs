namespace Scheduler.Web.Tests;

/// <summary>How the host serves the pages: the language by <c>?lang</c> and Accept-Language, the security headers, and the API docs still there.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageServingTests(BrowserFixture fixture)
{
    private async Task<HttpResponseMessage> GetAsync(string path, string? acceptLanguage = null)
    {
        using var http = new HttpClient { BaseAddress = fixture.Host.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        return await http.SendAsync(request);
    }

    [Theory]
    [InlineData(null, "/", "es")]
    [InlineData("en-US,en;q=0.9", "/", "en")]
    [InlineData("fr-FR,fr;q=0.9,en;q=0.8,es;q=0.5", "/", "en")]
    [InlineData("de-DE,es;q=0.7,en;q=0.6", "/", "es")]
    [InlineData("en-US", "/?lang=es", "es")]
    [InlineData(null, "/?lang=en", "en")]
    [InlineData("en", "/console", "en")]
    [InlineData("es-PE", "/console", "es")]
    public async Task The_page_is_Spanish_unless_English_is_asked_for_or_preferred(string? acceptLanguage, string path, string language)
    {
        using var response = await GetAsync(path, acceptLanguage);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<html lang=\"{language}\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(language, Assert.Single(response.Content.Headers.ContentLanguage));
        Assert.Contains("Accept-Language", response.Headers.Vary);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/console")]
    [InlineData("/web/js/applicant.js")]
    [InlineData("/web/app.css")]
    public async Task Pages_and_their_files_forbid_inline_scripts_framing_and_other_origins(string path)
    {
        using var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task The_API_docs_stay_reachable_and_the_pages_link_to_them()
    {
        using var docs = await GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        using var page = await GetAsync("/");
        Assert.Contains("href=\"/docs\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var api = await GetAsync("/api/v1/procedures");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.False(api.Headers.Contains("Content-Security-Policy"), "the API's answers are left as they were");
    }

    [Fact]
    public void Chromium_is_found_where_the_tests_look_for_it() =>
        Assert.True(File.Exists(BrowserFixture.ChromiumPath()));
}
