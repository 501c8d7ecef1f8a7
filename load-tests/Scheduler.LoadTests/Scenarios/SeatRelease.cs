namespace Scheduler.LoadTests.Scenarios;

/// <summary>
/// Seats an operator releases during the run (<c>prepare.releases</c>): at <see cref="AtSeconds"/> into the run the tool
/// applies <see cref="RaiseCapacity"/> through the operator API, as <c>prepare.raiseCapacity</c> does before the run. In
/// batch mode it runs a batch right after, so the released seats go to the open requests by lottery.
/// </summary>
public sealed record SeatRelease
{
    public double AtSeconds { get; init; }

    public IReadOnlyList<CapacityRaise> RaiseCapacity { get; init; } = [];

    /// <summary>Everything wrong with this release, as readable sentences naming <paramref name="path"/>.</summary>
    public IEnumerable<string> Problems(string path, double durationSeconds)
    {
        if (AtSeconds < 0 || AtSeconds > durationSeconds || double.IsNaN(AtSeconds))
        {
            yield return $"{path}.atSeconds must lie within 0..durationSeconds";
        }

        if (RaiseCapacity.Count == 0)
        {
            yield return $"{path}.raiseCapacity needs at least one change";
        }

        for (var i = 0; i < RaiseCapacity.Count; i++)
        {
            foreach (var problem in RaiseCapacity[i].Problems($"{path}.raiseCapacity[{i}]"))
            {
                yield return problem;
            }
        }
    }
}
