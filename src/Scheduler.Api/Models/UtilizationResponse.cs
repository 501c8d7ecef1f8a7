namespace Scheduler.Api.Models;

/// <summary>
/// Seats and demand per office and per department for a procedure over a date range. <c>filedInTimeUnserved</c>: open
/// allocation requests filed before the programme's deadline (or with no deadline) whose window overlaps the range.
/// </summary>
public sealed record UtilizationResponse(
    string Procedure, string From, string To, IReadOnlyList<OfficeUtilizationResponse> Offices, IReadOnlyList<DepartmentUtilizationResponse> Departments,
    int FiledInTimeUnserved = 0);

/// <summary>
/// One office: seats, booked seats, utilisation (booked / capacity), days with no free seat, applicants waiting
/// nearest to it. <see cref="DemandExceedsSupply"/> when it is sold out on some day or people wait for it.
/// </summary>
public sealed record OfficeUtilizationResponse(
    string OfficeId, string Name, string Department, int Capacity, int Booked, double Utilization, int SoldOutDays, int OpenDays, int Waitlist, bool DemandExceedsSupply);

/// <summary>One department: the sums of its offices.</summary>
public sealed record DepartmentUtilizationResponse(
    string Department, int Offices, int Capacity, int Booked, double Utilization, int SoldOutDays, int Waitlist, bool DemandExceedsSupply);
