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

    /// <summary>Every outcome, in a fixed order: counters are kept in arrays indexed by it.</summary>
    public static readonly string[] All =
    [
        Ok, SlotFull, AlreadyBooked, RateLimited, Unavailable, NotFound, ValidationError, Conflict, Unauthorized,
        ClientError, ServerError, Timeout, ConnectionError,
    ];

    /// <summary>The position of an outcome in <see cref="All"/> (unknown names count as client errors).</summary>
    public static int Index(string outcome) => outcome switch
    {
        Ok => 0,
        SlotFull => 1,
        AlreadyBooked => 2,
        RateLimited => 3,
        Unavailable => 4,
        NotFound => 5,
        ValidationError => 6,
        Conflict => 7,
        Unauthorized => 8,
        ClientError => 9,
        ServerError => 10,
        Timeout => 11,
        ConnectionError => 12,
        _ => 9,
    };

    /// <summary>The shared instance of a known problem name (so classifying an answer allocates nothing), else null.</summary>
    public static string? Intern(ReadOnlySpan<char> name) => name switch
    {
        SlotFull => SlotFull,
        AlreadyBooked => AlreadyBooked,
        "idempotency-key-reused" => "idempotency-key-reused",
        "validation-error" => ValidationError,
        "not-found" => NotFound,
        "rate-limited" => RateLimited,
        "unavailable" => Unavailable,
        _ => null,
    };

    /// <summary>Answers that count as a booking decision: 201 or 409 (any problem), as "answered" in the benchmarks.</summary>
    public static bool IsDecision(string outcome) => outcome is Ok or SlotFull or AlreadyBooked or Conflict;

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
