namespace Scheduler.FaultTests.Infrastructure;

/// <summary>GET /api/v1/offices/{officeId}/availability: days with free seats and each slot's seats.</summary>
public sealed record AvailabilityView(string OfficeId, string Procedure, IReadOnlyList<AvailabilityView.Day> Days)
{
    public sealed record Day(string Date, int Capacity, int Free, IReadOnlyList<Slot> Slots);

    public sealed record Slot(string Start, string End, int Capacity, int Free);
}
