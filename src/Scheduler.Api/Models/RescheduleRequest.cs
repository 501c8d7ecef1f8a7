using System.ComponentModel.DataAnnotations;

namespace Scheduler.Api.Models;

/// <summary>Move an appointment (same procedure, same code) to another office, date or slot.</summary>
/// <param name="OfficeId">Target office id.</param>
/// <param name="Date">Target local date, YYYY-MM-DD.</param>
/// <param name="Start">Optional slot start, HH:mm; without it, the earliest free slot that day.</param>
public sealed record RescheduleRequest([property: Required] string? OfficeId, [property: Required] string? Date, string? Start);
