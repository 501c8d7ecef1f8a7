namespace Scheduler.Api.Models;

/// <summary>What a capacity change did: the days whose slots changed.</summary>
public sealed record CapacityResponse(string OfficeId, string Procedure, bool Applied, IReadOnlyList<DayResponse> ChangedDays, IReadOnlyList<AppointmentResponse> Displaced);
