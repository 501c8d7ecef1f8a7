using System.Text.Json;
using Scheduler.LoadTests.Contract;

namespace Scheduler.LoadTests.Http;

/// <summary>What came back from one HTTP exchange (or why nothing did).</summary>
public sealed record ApiResponse(RequestKind Kind, int? Status, string Outcome, string? Body, TimeSpan? RetryAfter, string? Location)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>How many times the request was sent, counting retries.</summary>
    public int Attempts { get; init; } = 1;

    public bool IsSuccess => Outcome == CallOutcome.Ok;

    /// <summary>The body read as <typeparamref name="T"/>, or default when absent or unreadable.</summary>
    public T? Read<T>()
    {
        if (string.IsNullOrWhiteSpace(Body))
        {
            return default;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(Body, Json);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    /// <summary>The problem details of an error answer, if it has any.</summary>
    public ProblemView? Problem() => Status is >= 400 ? Read<ProblemView>() : null;
}
