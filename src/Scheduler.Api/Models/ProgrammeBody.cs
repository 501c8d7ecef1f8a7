namespace Scheduler.Api.Models;

/// <summary>Set the programme's legal deadline (null removes it).</summary>
/// <param name="Deadline">ISO 8601 instant, e.g. 2023-11-10T23:59:59-05:00.</param>
/// <param name="Reason">Why (recorded in the audit trail).</param>
public sealed record ProgrammeBody(string? Deadline, string? Reason);
