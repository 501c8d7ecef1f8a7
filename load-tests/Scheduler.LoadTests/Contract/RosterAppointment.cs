namespace Scheduler.LoadTests.Contract;

/// <summary>An appointment in an operator's day roster.</summary>
public sealed record RosterAppointment(
    string Code,
    string? Start,
    string Status,
    string DocumentType,
    string DocumentNumber,
    string Country,
    string? FullName);
