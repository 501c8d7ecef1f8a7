namespace Scheduler.LoadTests.Audit;

/// <summary>Everything the audit judges, already fetched from the target.</summary>
public sealed record AuditInputs
{
    public required IReadOnlyList<LedgerEntry> Ledger { get; init; }

    /// <summary>By confirmation code.</summary>
    public required IReadOnlyDictionary<string, FetchedAppointment> Appointments { get; init; }

    public IReadOnlyList<FetchedRoster> Rosters { get; init; } = [];

    /// <summary>Why rosters were not fetched (no operator token, ...), when they were not.</summary>
    public string? RosterSkipReason { get; init; }

    /// <summary>Slot capacities seen in availability answers, keyed by <see cref="SlotKey"/>; used when a roster slot has none.</summary>
    public IReadOnlyDictionary<string, int> AvailabilityCapacities { get; init; } = new Dictionary<string, int>();

    public static string SlotKey(string officeId, string date, string procedure, string start) => $"{officeId}|{date}|{procedure}|{start}";
}
