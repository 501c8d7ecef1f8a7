using Scheduler.LoadTests.Measurement;

namespace Scheduler.LoadTests.Hosting;

/// <summary>A scheduler someone else started; the tool only sends it traffic (and watches the processes it was told about).</summary>
public sealed class RunningTarget(IReadOnlyList<Uri> baseUris, string? operatorToken, IReadOnlyList<WatchedProcess>? watched = null) : ITarget
{
    public IReadOnlyList<Uri> BaseUris => baseUris;

    public string? OperatorToken => operatorToken;

    public string Description => "running target " + string.Join(", ", baseUris);

    public IReadOnlyList<WatchedProcess> Processes() => watched ?? [];

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
