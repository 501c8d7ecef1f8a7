namespace Scheduler.Contracts;

/// <summary>The slots an office offers for one procedure on one local date, in start order.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.DayPlan")]
public sealed record DayPlan(string OfficeId, string Procedure, DateOnly Date, IReadOnlyList<SlotPlan> Slots)
{
    public static DayPlan Closed(string officeId, string procedure, DateOnly date) => new(officeId, procedure, date, []);
}
