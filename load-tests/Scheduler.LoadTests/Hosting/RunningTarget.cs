namespace Scheduler.LoadTests.Hosting;

/// <summary>A scheduler someone else started; the tool only sends it traffic.</summary>
public sealed class RunningTarget(IReadOnlyList<Uri> baseUris, string? operatorToken) : ITarget
{
    public IReadOnlyList<Uri> BaseUris => baseUris;

    public string? OperatorToken => operatorToken;

    public string Description => "running target " + string.Join(", ", baseUris);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
