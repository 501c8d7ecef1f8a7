namespace Scheduler.LoadTests.Contract;

/// <summary>An RFC 7807 problem with the extension members this API uses.</summary>
public sealed record ProblemView(
    string? Type,
    string? Title,
    int? Status,
    string? Detail,
    SlotAlternatives? Alternatives,
    Dictionary<string, string[]>? Errors)
{
    /// <summary>The stable last segment of <see cref="Type"/> (e.g. <c>slot-full</c>).</summary>
    public string? Name => Type is null ? null : Type.TrimEnd('/').Split('/')[^1];
}
