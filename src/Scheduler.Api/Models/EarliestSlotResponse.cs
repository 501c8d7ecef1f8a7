namespace Scheduler.Api.Models;

/// <summary>An office's earliest free slot.</summary>
public sealed record EarliestSlotResponse(string OfficeId, string OfficeName, string Department, double DistanceKm, string Date, string Start, string End, int Free);
