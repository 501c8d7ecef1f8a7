namespace Scheduler.Contracts;

/// <summary>
/// What a capacity change did: the days whose plan changed and, when it was refused because it would
/// leave booked appointments without a seat, those appointments.
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.CapacityChangeResult")]
public sealed record CapacityChangeResult(bool Applied, IReadOnlyList<DayPlan> ChangedDays, IReadOnlyList<Appointment> Displaced);
