namespace Scheduler.Contracts;

/// <summary>
/// What a capacity change did. Refused (<see cref="Applied"/> false): nothing changed and
/// <see cref="Displaced"/> lists who would have lost their seat. Applied: the days whose plan changed, the
/// appointments moved, and those that could not be moved (they keep their seat, which stays counted).
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.CapacityChangeResult")]
public sealed record CapacityChangeResult(
    bool Applied,
    IReadOnlyList<DayPlan> ChangedDays,
    IReadOnlyList<Appointment> Displaced,
    IReadOnlyList<Relocation> Relocated,
    IReadOnlyList<Appointment> Unplaced)
{
    public static CapacityChangeResult Refused(IReadOnlyList<Appointment> displaced) => new(false, [], displaced, [], []);
}
