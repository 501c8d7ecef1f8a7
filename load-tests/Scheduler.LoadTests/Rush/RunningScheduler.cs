using Scheduler.LoadTests.Hosting;

namespace Scheduler.LoadTests.Rush;

/// <summary>A scheduler started by hand (<c>--url</c>), with the operator token given on the command line.</summary>
public sealed class RunningScheduler(IReadOnlyList<Uri> baseUris, string? token) : ITarget
{
    public IReadOnlyList<Uri> BaseUris { get; } = baseUris;

    public string? OperatorToken { get; } = token;

    public string Description => $"running scheduler at {string.Join(", ", BaseUris)}";

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
