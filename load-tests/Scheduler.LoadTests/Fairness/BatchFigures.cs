namespace Scheduler.LoadTests.Fairness;

/// <summary>
/// The batches the tool ran during a batch-mode run (<c>POST .../batches</c>): how many, how many were refused or
/// failed (and the first such answer), and, summed over their answers, the open requests each met, the free seats
/// offered and the seats assigned.
/// </summary>
public sealed record BatchFigures(double EverySeconds, int Run, int Failed, string? FirstFailure, long Requests, long SeatsOffered, long Assigned);
