namespace Scheduler.Api.Models;

/// <summary>Days with free seats at an office for a procedure.</summary>
public sealed record AvailabilityResponse(string OfficeId, string Procedure, IReadOnlyList<DayResponse> Days);

/// <summary>One day: its seats in total and each slot.</summary>
public sealed record DayResponse(string Date, int Capacity, int Free, IReadOnlyList<SlotResponse> Slots);

/// <summary>One slot: local start and end, seats and free seats.</summary>
public sealed record SlotResponse(string Start, string End, int Capacity, int Free);
