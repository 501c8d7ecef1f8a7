namespace Scheduler.Contracts;

/// <summary>An office's seats for a procedure over a date range: capacity, booked, and days with no seat left.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.OfficeUtilization")]
public sealed record OfficeUtilization(string OfficeId, int Capacity, int Booked, int SoldOutDays, int OpenDays);
