using System.ComponentModel.DataAnnotations;

namespace Scheduler.Api.Models;

/// <summary>Move counters of a procedure from one office to another over a date range, all or nothing.</summary>
/// <param name="Procedure">Procedure id.</param>
/// <param name="FromOfficeId">Office giving the counters.</param>
/// <param name="ToOfficeId">Office receiving them.</param>
/// <param name="From">First local date, YYYY-MM-DD.</param>
/// <param name="To">Last local date, YYYY-MM-DD.</param>
/// <param name="Counters">How many counters move (1-500).</param>
/// <param name="Reason">Why, for the audit trail.</param>
/// <param name="TransferId">Optional id to make retries safe (a repeated id answers the first outcome).</param>
public sealed record TransferRequestBody([property: Required] string? Procedure, [property: Required] string? FromOfficeId, [property: Required] string? ToOfficeId, [property: Required] string? From, [property: Required] string? To, [property: Required] int? Counters, string? Reason, string? TransferId);
