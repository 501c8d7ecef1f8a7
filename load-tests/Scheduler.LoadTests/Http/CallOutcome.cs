namespace Scheduler.LoadTests.Http;

/// <summary>The outcome names a single HTTP exchange is counted under.</summary>
public static class CallOutcome
{
    public const string Ok = "ok";
    public const string SlotFull = "slot-full";
    public const string AlreadyBooked = "already-booked";
    public const string RateLimited = "rate-limited";
    public const string Unavailable = "unavailable";
    public const string NotFound = "not-found";
    public const string ValidationError = "validation-error";
    public const string Conflict = "conflict";
    public const string Unauthorized = "unauthorized";
    public const string ClientError = "client-error";
    public const string ServerError = "server-error";
    public const string Timeout = "timeout";
    public const string ConnectionError = "connection-error";

    /// <summary>Names an answer by its status and, for conflicts, its problem type.</summary>
    public static string Classify(int status, string? problemName) => status switch
    {
        >= 200 and < 300 => Ok,
        409 when problemName == SlotFull => SlotFull,
        409 when problemName == AlreadyBooked => AlreadyBooked,
        409 => Conflict,
        429 => RateLimited,
        503 => Unavailable,
        404 => NotFound,
        400 or 422 => ValidationError,
        401 or 403 => Unauthorized,
        >= 500 => ServerError,
        _ => ClientError,
    };

    /// <summary>Whether the same request is worth sending again after a pause.</summary>
    public static bool IsRetryable(string outcome) =>
        outcome is RateLimited or Unavailable or Timeout or ConnectionError;
}
