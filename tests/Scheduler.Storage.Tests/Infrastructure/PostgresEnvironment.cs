namespace Scheduler.Storage.Tests;

/// <summary>
/// Where the PostgreSQL tests find their server: <c>SCHEDULER_TEST_POSTGRES</c> (an Npgsql connection
/// string). Unset, the tests are skipped on a developer machine and fail on CI (<c>CI</c> set).
/// </summary>
public static class PostgresEnvironment
{
    public const string VariableName = "SCHEDULER_TEST_POSTGRES";

    private static readonly string MissingMessage =
        $"{VariableName} is not set. Start a throwaway server with 'scripts/pg.sh start' and run " +
        $"'export {VariableName}=\"$(scripts/pg.sh url)\"' before 'dotnet test'.";

    /// <summary>The configured connection string; skips the calling test, or fails it on CI, when there is none.</summary>
    public static string RequireConnectionString()
    {
        var connectionString = Environment.GetEnvironmentVariable(VariableName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("CI")))
        {
            throw new InvalidOperationException($"CI must run the PostgreSQL storage tests, but {MissingMessage}");
        }

        throw new SkipException(MissingMessage);
    }
}
