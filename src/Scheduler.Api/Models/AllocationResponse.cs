namespace Scheduler.Api.Models;

/// <summary>
/// A procedure's allocation: mode, batch cadence, regional reserve, programme deadline, when the next batch is due,
/// and (after a change) how many requests were open, carried over, or assigned by the final batch of a forced change.
/// </summary>
public sealed record AllocationResponse(
    string Procedure, string Mode, int? CadenceMinutes, ReserveResponse? Reserves, DateTimeOffset? Deadline, string? OperationId, int OpenRequests, int CarriedOver,
    int AssignedByFinalBatch);

/// <summary>A regional reserve (see <see cref="ReservesBody"/>).</summary>
public sealed record ReserveResponse(double Share, double? FarFromCapitalKm, IReadOnlyList<string> Departments, double FallbackLeadHours);
