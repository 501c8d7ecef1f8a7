namespace Scheduler.LoadTests.Http;

/// <summary>Report names of <see cref="RequestKind"/> values.</summary>
public static class RequestKindNames
{
    public static IReadOnlyList<RequestKind> All { get; } = Enum.GetValues<RequestKind>();

    public static string Name(this RequestKind kind) => kind.ToString().ToLowerInvariant();
}
