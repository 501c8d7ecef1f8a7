namespace Scheduler.Api.Models;

/// <summary>
/// A procedure's allocation: mode, batch cadence, regional reserve, programme deadline, when the next batch is due,
/// how many requests are open (after a change: were open), and how many a forced change carried over or assigned by its final batch.
/// </summary>
public sealed record AllocationResponse(
    string Procedure, string Mode, int? CadenceMinutes, ReserveResponse? Reserves, DateTimeOffset? Deadline, string? OperationId, int OpenRequests, int CarriedOver,
    int AssignedByFinalBatch);

/// <summary>A regional reserve (see <see cref="ReservesBody"/>).</summary>
public sealed record ReserveResponse(double Share, double? FarFromCapitalKm, IReadOnlyList<string> Departments, double FallbackLeadHours);
