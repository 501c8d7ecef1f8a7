using Scheduler.Contracts;

namespace Scheduler.Grains.Domain;

/// <summary>
/// The seats of one day inventory, and the one place where a seat is given or taken back.
/// Decisions are immediate; each returns a <see cref="LedgerChange"/> that the caller commits when the
/// write holding it succeeds or rolls back when it fails. A released seat stays counted as held until
/// its release commits, so a rollback can never overbook a slot that someone else took meanwhile.
/// </summary>
public sealed class SeatLedger
{
    private readonly Dictionary<string, Appointment> appointments = new(StringComparer.Ordinal);
    private readonly Dictionary<TimeOnly, int> held = [];
    private readonly HashSet<string> voided = new(StringComparer.Ordinal);
    private DayPlan plan;

    public SeatLedger(DayPlan plan, IEnumerable<Appointment> stored)
    {
        this.plan = plan;
        foreach (var appointment in stored)
        {
            appointments[appointment.Code] = appointment;
            if (appointment.IsActive)
            {
                held[appointment.Start] = Held(appointment.Start) + 1;
            }
        }
    }

    public DayPlan Plan => plan;

    /// <summary>Every appointment record (active and cancelled), as a snapshot to persist.</summary>
    public IReadOnlyCollection<Appointment> Appointments => appointments.Values;

    public int Held(TimeOnly start) => held.GetValueOrDefault(start);

    public Appointment? Find(string code) => appointments.GetValueOrDefault(code);

    public DayAvailability Availability() =>
        new(plan.Date, plan.Slots.Select(s => new SlotAvailability(s.Start, s.End, s.Capacity, Math.Max(0, s.Capacity - Held(s.Start)))).ToArray());

    /// <summary>Whether a seat is free at <paramref name="start"/> (any slot when null) and not already begun.</summary>
    public bool HasFreeSeat(TimeOnly? start, TimeOnly? notBefore) => PickSlot(start, notBefore) is { } slot && Held(slot.Start) < slot.Capacity;

    /// <summary>
    /// Decides a seat request. <paramref name="notBefore"/> is the office's local time when the day is today
    /// (slots that have started are not offered). The same code asking again gets its seat back (retries are
    /// harmless); the same code at another start moves within the day in one step.
    /// </summary>
    public (SeatResult Result, Appointment? Appointment, LedgerChange? Change) Take(SeatRequest request, TimeOnly? notBefore, DateTimeOffset at)
    {
        if (voided.Contains(request.Code))
        {
            return (SeatResult.CodeVoid, null, null);
        }

        var existing = appointments.GetValueOrDefault(request.Code);
        if (existing is { IsActive: false })
        {
            return (SeatResult.CodeVoid, null, null);
        }

        if (existing is not null && (request.Start is null || request.Start == existing.Start))
        {
            return (SeatResult.Booked, existing, null);
        }

        var identity = request.Applicant.Identity;
        var sameApplicant = appointments.Values.FirstOrDefault(a => a.IsActive && a.Code != request.Code && a.Applicant.Identity == identity);
        if (sameApplicant is not null)
        {
            // A retry that lost its answer (a timeout, a crash) must not leave the applicant two seats here.
            return (SeatResult.Booked, sameApplicant, null);
        }

        if (plan.Slots.Count == 0)
        {
            return (SeatResult.NotOffered, null, null);
        }

        var slot = PickSlot(request.Start, notBefore);
        if (slot is null)
        {
            return request.Start is null ? (SeatResult.SlotFull, null, null) : (SeatResult.NotOffered, null, null);
        }

        if (Held(slot.Start) >= slot.Capacity)
        {
            return (SeatResult.SlotFull, null, null);
        }

        var created = new HistoryEntry(
            at, existing is null && request.History.Count == 0 ? "booked" : "moved", request.By, $"{plan.OfficeId} {plan.Date:yyyy-MM-dd} {slot.Start:HH\\:mm}");
        var history = (existing?.History ?? request.History).Append(created).ToArray();
        var appointment = new Appointment(
            request.Code, AppointmentStatus.Booked, plan.Procedure, plan.OfficeId, plan.Date, slot.Start, slot.End, request.Applicant, history);
        appointments[appointment.Code] = appointment;
        held[slot.Start] = Held(slot.Start) + 1;

        if (existing is null)
        {
            return (SeatResult.Booked, appointment, new LedgerChange(
                Commit: () => { },
                Rollback: () =>
                {
                    appointments.Remove(appointment.Code);
                    held[slot.Start]--;
                }));
        }

        // Moving within the day: the old seat stays held until the move commits.
        return (SeatResult.Booked, appointment, new LedgerChange(
            Commit: () => held[existing.Start]--,
            Rollback: () =>
            {
                appointments[existing.Code] = existing;
                held[slot.Start]--;
            }));
    }

    /// <summary>
    /// Releases the seat of <paramref name="code"/>. Cancelled records stay (with their history); moved ones
    /// go. Releasing something already released changes nothing and answers false.
    /// </summary>
    public (bool Released, LedgerChange? Change) Release(string code, HistoryEntry entry, bool movedAway)
    {
        if (appointments.GetValueOrDefault(code) is not { IsActive: true } existing)
        {
            return (false, null);
        }

        var history = existing.History.Append(entry).ToArray();
        if (movedAway)
        {
            appointments.Remove(code);
        }
        else
        {
            appointments[code] = existing with { Status = AppointmentStatus.Cancelled, History = history };
        }

        return (true, new LedgerChange(
            Commit: () => held[existing.Start]--,
            Rollback: () => appointments[code] = existing));
    }

    /// <summary>Remembers that <paramref name="code"/> was given up, so that a late request with it is refused.</summary>
    public void Void(string code) => voided.Add(code);

    /// <summary>The active appointments that would lose their seat under <paramref name="newPlan"/>.</summary>
    public IReadOnlyList<Appointment> Displaced(DayPlan newPlan)
    {
        var capacity = newPlan.Slots.ToDictionary(s => s.Start, s => s.Capacity);
        return appointments.Values
            .Where(a => a.IsActive)
            .GroupBy(a => a.Start)
            .SelectMany(g => g.OrderByDescending(a => a.History.Count > 0 ? a.History[0].At : DateTimeOffset.MinValue)
                .Take(Math.Max(0, g.Count() - capacity.GetValueOrDefault(g.Key))))
            .ToArray();
    }

    /// <summary>Adopts a plan under which every active appointment still has its seat.</summary>
    public void ApplyPlan(DayPlan newPlan)
    {
        if (Displaced(newPlan).Count > 0)
        {
            throw new InvalidOperationException("The new plan leaves booked appointments without a seat.");
        }

        plan = newPlan;
    }

    private SlotPlan? PickSlot(TimeOnly? start, TimeOnly? notBefore)
    {
        if (start is { } wanted)
        {
            var slot = plan.Slots.FirstOrDefault(s => s.Start == wanted);
            return slot is null || (notBefore is { } now && slot.Start <= now) ? null : slot;
        }

        return plan.Slots.FirstOrDefault(s => (notBefore is not { } now || s.Start > now) && Held(s.Start) < s.Capacity);
    }
}
