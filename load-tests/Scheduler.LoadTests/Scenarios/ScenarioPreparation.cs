namespace Scheduler.LoadTests.Scenarios;

/// <summary>
/// What the tool changes on the target before the first arrival (section <c>prepare</c> of a scenario),
/// through the operator API; the run prints and reports what each change did.
/// </summary>
public sealed record ScenarioPreparation
{
    /// <summary>Capacity raises, applied in order (<c>PUT /api/v1/admin/offices/{officeId}/capacity</c>).</summary>
    public IReadOnlyList<CapacityRaise> RaiseCapacity { get; init; } = [];

    /// <summary>Seats released during the run, in time order (<see cref="SeatRelease"/>).</summary>
    public IReadOnlyList<SeatRelease> Releases { get; init; } = [];
}
