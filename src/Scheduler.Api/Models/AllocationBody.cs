namespace Scheduler.Api.Models;

/// <summary>Set a procedure's allocation mode.</summary>
/// <param name="Mode"><c>first-come</c> or <c>batch</c>.</param>
/// <param name="CadenceMinutes">Batch mode: run a batch every so many minutes (1-1440); none: only on an operator release.</param>
/// <param name="Force">Change even though requests (or waitlist entries) are open: they are carried over to the new mode.</param>
/// <param name="Reason">Why (recorded in the audit trail).</param>
public sealed record AllocationBody(string? Mode, int? CadenceMinutes, bool? Force, string? Reason);
