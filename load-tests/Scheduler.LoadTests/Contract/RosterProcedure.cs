namespace Scheduler.LoadTests.Contract;

/// <summary>One procedure's slots in an operator's day roster.</summary>
public sealed record RosterProcedure(string Procedure, IReadOnlyList<RosterSlot>? Slots);
