using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Scheduler.LoadTests.Contract;

namespace Scheduler.LoadTests.Http;

/// <summary>
/// What came back from one HTTP exchange (or why nothing did). The body is kept as the UTF-8 bytes
/// that arrived and is only decoded when someone reads it.
/// </summary>
public sealed record ApiResponse(RequestKind Kind, int? Status, string Outcome, ReadOnlyMemory<byte> Body, TimeSpan? RetryAfter)
{
    /// <summary>How many times the request was sent, counting retries.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>Why no answer came (connection errors), for the report.</summary>
    public string? Error { get; init; }

    public bool IsSuccess => Outcome == CallOutcome.Ok;

    /// <summary>The body as text (for reports and tests).</summary>
    public string? BodyText => Body.IsEmpty ? Error : Encoding.UTF8.GetString(Body.Span);

    /// <summary>An answer made of text (tests, error samples).</summary>
    public static ApiResponse FromText(RequestKind kind, int? status, string outcome, string? body) =>
        new(kind, status, outcome, body is null ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes(body), null);

    /// <summary>The body read with a source-generated contract, or default when absent or unreadable.</summary>
    public T? Read<T>(JsonTypeInfo<T> type)
    {
        if (Body.IsEmpty)
        {
            return default;
        }

        try
        {
            return JsonSerializer.Deserialize(Body.Span, type);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    public AppointmentView? Appointment() => Read(ApiJson.Default.AppointmentView);

    /// <summary>The problem details of an error answer, if it has any.</summary>
    public ProblemView? Problem() => Status is >= 400 ? Read(ApiJson.Default.ProblemView) : null;

    /// <summary>
    /// The last segment of a problem's top-level <c>type</c> (e.g. <c>slot-full</c>), found by scanning
    /// the body without building anything; null when there is none.
    /// </summary>
    public static string? ProblemName(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("type"u8);
                if (!reader.Read())
                {
                    return null;
                }

                if (isType)
                {
                    return reader.TokenType == JsonTokenType.String ? LastSegment(reader.GetString()!) : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private static string LastSegment(string type)
    {
        var trimmed = type.AsSpan().TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        var name = slash < 0 ? trimmed : trimmed[(slash + 1)..];
        return CallOutcome.Intern(name) ?? name.ToString();
    }
}
