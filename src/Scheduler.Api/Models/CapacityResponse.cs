namespace Scheduler.Api.Models;

/// <summary>What a capacity change or closure did: days whose slots changed, appointments moved, and those that could not move.</summary>
/// <param name="OperationId">The operation's id: the request's Idempotency-Key, or one the server gave. Sending the request again with it as Idempotency-Key finishes a change that failed part-way, or answers this result again.</param>
/// <param name="OfficeId">The office changed.</param>
/// <param name="ChangedDays">Days whose slots changed.</param>
/// <param name="Relocated">Appointments moved elsewhere (same code).</param>
/// <param name="Unplaced">Appointments that lost their seat's place in the plan but found no other: they keep their seat.</param>
public sealed record CapacityResponse(
    string OperationId,
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
