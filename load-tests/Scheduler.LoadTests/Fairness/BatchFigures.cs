namespace Scheduler.LoadTests.Fairness;

/// <summary>The batches the tool ran during a batch-mode run (<c>POST .../batches</c>).</summary>
public sealed record BatchFigures(double EverySeconds, int Run, int Failed, string? FirstFailure);
