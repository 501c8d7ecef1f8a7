namespace Scheduler.Api.Tests.Infrastructure;

/// <summary>Reads and checks RFC 7807 problem responses.</summary>
public static class Problem
{
    public const string BaseUri = "https://scheduler.migraciones.example/problems/";

    /// <summary>
    /// Asserts <paramref name="response"/> is an <c>application/problem+json</c> answer with
    /// <paramref name="status"/> and the stable type <paramref name="type"/>; returns its body.
    /// </summary>
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(BaseUri + type, problem.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>Asserts a 400 validation problem whose <c>errors</c> name <paramref name="field"/>.</summary>
    public static Task<JsonElement> AssertNamesFieldAsync(HttpResponseMessage response, string field) =>
        AssertNamesFieldAsync(response, HttpStatusCode.BadRequest, field);

    /// <summary>Asserts a validation problem with <paramref name="status"/> whose <c>errors</c> name <paramref name="field"/>.</summary>
    public static async Task<JsonElement> AssertNamesFieldAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var problem = await AssertAsync(response, status, "validation-error");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages),
            $"Expected errors to name '{field}', got {errors}");
        Assert.NotEqual(0, messages.GetArrayLength());
        return problem;
    }
}
