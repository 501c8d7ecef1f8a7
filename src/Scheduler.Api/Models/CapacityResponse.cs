namespace Scheduler.Api.Models;

/// <summary>What a capacity change or closure did: days whose slots changed, appointments moved, and those that could not move.</summary>
public sealed record CapacityResponse(
    string OfficeId,
    IReadOnlyList<DayPlanResponse> ChangedDays,
    IReadOnlyList<RelocationResponse> Relocated,
    IReadOnlyList<AppointmentResponse> Unplaced);

/// <summary>A day's new plan for one procedure.</summary>
public sealed record DayPlanResponse(string Procedure, string Date, int Capacity, IReadOnlyList<SlotResponse> Slots);

/// <summary>An appointment moved by an operator's change: same code, old and new place.</summary>
public sealed record RelocationResponse(string Code, PlaceResponse From, PlaceResponse To);

/// <summary>Where an appointment is: office, date and slot.</summary>
public sealed record PlaceResponse(string OfficeId, string Date, string Start);
