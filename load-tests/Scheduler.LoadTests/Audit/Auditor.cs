using Scheduler.LoadTests.Contract;

namespace Scheduler.LoadTests.Audit;

/// <summary>
/// Judges the target after a run, from data already fetched: every acknowledged booking is still
/// there as the tool left it, no slot holds more active appointments than its capacity, and no
/// applicant holds two active appointments for one procedure.
/// </summary>
public static class Auditor
{
    private const int MaxDetails = 50;

    /// <summary>Statuses that occupy a seat.</summary>
    public static bool HoldsSeat(string? status) => !string.Equals(status, "cancelled", StringComparison.OrdinalIgnoreCase);

    /// <summary>Statuses that count toward "one active appointment per applicant and procedure".</summary>
    public static bool IsActive(string? status) =>
        string.Equals(status, "booked", StringComparison.OrdinalIgnoreCase) || string.Equals(status, "checked-in", StringComparison.OrdinalIgnoreCase);

    public static AuditResult Audit(AuditInputs inputs) => new(
    [
        AcknowledgedBookingsPresent(inputs),
        NoSlotOverCapacity(inputs),
        OneActivePerApplicant(inputs),
        OneSeatPerDocument(inputs),
        RostersListBookings(inputs),
    ]);

    /// <summary>
    /// No document was given two seats for one procedure: of the seats the scheduler acknowledged during the run
    /// (201s, and seats a batch assigned to a request) that the tool did not cancel, two for one document (type,
    /// country, number) and procedure are a violation, whichever mode gave them. Beside
    /// <see cref="OneActivePerApplicant"/>, which judges what the scheduler holds afterwards.
    /// </summary>
    public static AuditCheck OneSeatPerDocument(AuditInputs inputs)
    {
        var seats = inputs.Ledger
            .Where(e => e.Status != LedgerStatus.Cancelled)
            .GroupBy(e => (Identity: e.Identity.ToUpperInvariant(), e.Procedure))
            .ToList();
        var details = new List<string>();
        var violations = 0;
        foreach (var group in seats.Where(g => g.Select(e => e.Code).Distinct(StringComparer.Ordinal).Count() > 1))
        {
            violations++;
            Add(details, $"{group.Key.Identity} was given {group.Count()} {group.Key.Procedure} seats: {string.Join(", ", group.Select(e => $"{e.Code} ({e.Source} {e.OfficeId} {e.Date} {e.Start})").Order(StringComparer.Ordinal))}");
        }

        return new AuditCheck("one-seat-per-document", violations == 0 ? AuditCheck.Passed : AuditCheck.Failed, seats.Count, violations, details);
    }

    public static AuditCheck AcknowledgedBookingsPresent(AuditInputs inputs)
    {
        var details = new List<string>();
        var violations = 0;
        foreach (var entry in inputs.Ledger)
        {
            var problem = Judge(entry, inputs.Appointments.GetValueOrDefault(entry.Code));
            if (problem is not null)
            {
                violations++;
                Add(details, $"{entry.Code} ({entry.OfficeId} {entry.Date} {entry.Start}): {problem}");
            }
        }

        return new AuditCheck("acknowledged-bookings-present", violations == 0 ? AuditCheck.Passed : AuditCheck.Failed, inputs.Ledger.Count, violations, details);
    }

    private static string? Judge(LedgerEntry entry, FetchedAppointment? fetched)
    {
        if (fetched?.Status is null)
        {
            return "could not be read back (no answer)";
        }

        var view = fetched.Status == 200 ? fetched.View : null;
        switch (entry.Status)
        {
            case LedgerStatus.Cancelled:
                return fetched.Status == 404 || (view is not null && !HoldsSeat(view.Status))
                    ? null
                    : $"cancelled with 204 but reads as {Describe(fetched)}";
            case LedgerStatus.Uncertain when entry.PreviousSeat is null:
                // A cancel whose answer was lost: gone or still there are both fine, if unchanged.
                if (fetched.Status == 404 || (view is not null && !HoldsSeat(view.Status)))
                {
                    return null;
                }

                return view is null ? $"reads as {Describe(fetched)}" : Mismatch(entry, view, (entry.OfficeId, entry.Date, entry.Start));
            case LedgerStatus.Uncertain:
                if (view is null)
                {
                    return $"reads as {Describe(fetched)}";
                }

                var asMoved = Mismatch(entry, view, (entry.OfficeId, entry.Date, entry.Start));
                var asBefore = Mismatch(entry, view, entry.PreviousSeat.Value);
                return asMoved is null || asBefore is null ? null : asMoved;
            default:
                if (view is null)
                {
                    return $"acknowledged but reads as {Describe(fetched)}";
                }

                if (!HoldsSeat(view.Status))
                {
                    return $"acknowledged but status is '{view.Status}'";
                }

                return Mismatch(entry, view, (entry.OfficeId, entry.Date, entry.Start));
        }
    }

    private static string? Mismatch(LedgerEntry entry, AppointmentView view, (string OfficeId, string Date, string Start) seat)
    {
        var differences = new List<string>();
        Compare(differences, "officeId", seat.OfficeId, view.OfficeId);
        Compare(differences, "date", seat.Date, view.Date);
        Compare(differences, "start", seat.Start, view.Start);
        Compare(differences, "procedure", entry.Procedure, view.Procedure);
        if (view.Applicant is { } a)
        {
            Compare(differences, "documentNumber", entry.DocumentNumber, a.DocumentNumber);
            Compare(differences, "documentType", entry.DocumentType, a.DocumentType);
            Compare(differences, "country", entry.Country, a.Country);
        }

        return differences.Count == 0 ? null : "differs: " + string.Join(", ", differences);
    }

    private static void Compare(List<string> differences, string field, string expected, string? actual)
    {
        if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
        {
            differences.Add($"{field} expected '{expected}' got '{actual}'");
        }
    }

    public static AuditCheck NoSlotOverCapacity(AuditInputs inputs)
    {
        if (inputs.RosterSkipReason is { } reason)
        {
            return new AuditCheck("no-slot-over-capacity", AuditCheck.Skipped, 0, 0, [], reason);
        }

        var details = new List<string>();
        var slots = 0;
        var violations = 0;
        var unreadable = inputs.Rosters.Where(r => r.Status != 200 || r.View is null).ToList();
        foreach (var roster in inputs.Rosters.Where(r => r.Status == 200 && r.View is not null))
        {
            foreach (var procedure in roster.View!.Procedures ?? [])
            {
                foreach (var slot in procedure.Slots ?? [])
                {
                    slots++;
                    var capacity = slot.Capacity > 0
                        ? slot.Capacity
                        : inputs.AvailabilityCapacities.GetValueOrDefault(AuditInputs.SlotKey(roster.OfficeId, roster.Date, procedure.Procedure, slot.Start));
                    var holding = (slot.Appointments ?? []).Where(a => HoldsSeat(a.Status)).Select(a => a.Code).Distinct().Count();
                    if (holding > capacity || slot.Booked > capacity)
                    {
                        violations++;
                        Add(details, $"{roster.OfficeId} {roster.Date} {procedure.Procedure} {slot.Start}: {holding} active appointments (booked={slot.Booked}) for capacity {capacity}");
                    }
                }
            }
        }

        var note = unreadable.Count == 0
            ? null
            : $"{unreadable.Count} roster(s) unreadable: " + string.Join(", ", unreadable.Take(5).Select(r => $"{r.OfficeId} {r.Date} -> {r.Status?.ToString() ?? "no answer"}"));
        if (slots == 0 && unreadable.Count > 0)
        {
            return new AuditCheck("no-slot-over-capacity", AuditCheck.Skipped, 0, 0, [], note);
        }

        return new AuditCheck("no-slot-over-capacity", violations == 0 ? AuditCheck.Passed : AuditCheck.Failed, slots, violations, details, note);
    }

    public static AuditCheck OneActivePerApplicant(AuditInputs inputs)
    {
        var codes = new Dictionary<(string Identity, string Procedure), HashSet<string>>();
        void Note(string documentType, string country, string documentNumber, string procedure, string code)
        {
            var key = ($"{documentType}:{country}:{documentNumber}".ToUpperInvariant(), procedure);
            if (!codes.TryGetValue(key, out var set))
            {
                codes[key] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(code);
        }

        foreach (var roster in inputs.Rosters.Where(r => r.View is not null))
        {
            foreach (var procedure in roster.View!.Procedures ?? [])
            {
                foreach (var a in (procedure.Slots ?? []).SelectMany(s => s.Appointments ?? []).Where(a => IsActive(a.Status)))
                {
                    Note(a.DocumentType, a.Country, a.DocumentNumber, procedure.Procedure, a.Code);
                }
            }
        }

        foreach (var entry in inputs.Ledger)
        {
            if (inputs.Appointments.GetValueOrDefault(entry.Code) is { Status: 200, View: { } view } && IsActive(view.Status))
            {
                Note(entry.DocumentType, entry.Country, entry.DocumentNumber, view.Procedure, view.Code);
            }
        }

        var details = new List<string>();
        var violations = 0;
        foreach (var ((identity, procedure), set) in codes.Where(kv => kv.Value.Count > 1))
        {
            violations++;
            Add(details, $"{identity} holds {set.Count} active {procedure} appointments: {string.Join(", ", set.Order())}");
        }

        return new AuditCheck("one-active-appointment-per-applicant", violations == 0 ? AuditCheck.Passed : AuditCheck.Failed, codes.Count, violations, details);
    }

    public static AuditCheck RostersListBookings(AuditInputs inputs)
    {
        if (inputs.RosterSkipReason is { } reason)
        {
            return new AuditCheck("rosters-list-bookings", AuditCheck.Skipped, 0, 0, [], reason);
        }

        var rosterCodes = inputs.Rosters
            .Where(r => r.View is not null)
            .ToDictionary(
                r => (r.OfficeId, r.Date),
                r => (r.View!.Procedures ?? []).SelectMany(p => p.Slots ?? []).SelectMany(s => s.Appointments ?? [])
                    .Where(a => HoldsSeat(a.Status)).Select(a => a.Code).ToHashSet(StringComparer.Ordinal));
        var details = new List<string>();
        var checkedCount = 0;
        var violations = 0;
        foreach (var entry in inputs.Ledger.Where(e => e.Status == LedgerStatus.Active))
        {
            if (!rosterCodes.TryGetValue((entry.OfficeId, entry.Date), out var set))
            {
                continue;
            }

            checkedCount++;
            if (!set.Contains(entry.Code))
            {
                violations++;
                Add(details, $"{entry.Code} missing from the roster of {entry.OfficeId} {entry.Date}");
            }
        }

        return new AuditCheck("rosters-list-bookings", violations == 0 ? AuditCheck.Passed : AuditCheck.Failed, checkedCount, violations, details);
    }

    private static string Describe(FetchedAppointment fetched) =>
        fetched.Status == 200 ? $"200 status '{fetched.View?.Status}'" : $"HTTP {fetched.Status}";

    private static void Add(List<string> details, string line)
    {
        if (details.Count < MaxDetails)
        {
            details.Add(line);
        }
    }
}
