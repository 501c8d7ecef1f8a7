namespace Scheduler.Api.Models;

/// <summary>An office's appointments on one date, by procedure and slot.</summary>
public sealed record RosterResponse(string OfficeId, string Date, IReadOnlyList<RosterProcedure> Procedures);

public sealed record RosterProcedure(string Procedure, IReadOnlyList<RosterSlot> Slots);

public sealed record RosterSlot(string Start, string End, int Capacity, int Booked, IReadOnlyList<RosterEntry> Appointments);

public sealed record RosterEntry(string Code, string Start, string Status, string DocumentType, string DocumentNumber, string Country, string FullName);
