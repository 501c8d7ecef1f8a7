namespace Scheduler.LoadTests.Contract;

/// <summary>
/// <c>PUT /api/v1/admin/procedures/{procedureId}/reserves</c> body (operator): a share of each day's seats held
/// for homes farther than <see cref="FarFromCapitalKm"/> from the capital's offices (or in
/// <see cref="Departments"/>), released to everyone <see cref="FallbackLeadHours"/> before the seat.
/// </summary>
public sealed record ReservesRequest(double Share, double? FarFromCapitalKm, string[]? Departments, double FallbackLeadHours, string? Reason);
