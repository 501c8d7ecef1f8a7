using Scheduler.Contracts;

namespace Scheduler.Domain;

/// <summary>
/// The seats of one day inventory, and the one place where a seat is given or taken back.
/// Decisions are immediate; each returns a <see cref="LedgerChange"/> that the caller commits when the
/// write holding it succeeds or rolls back when it fails. A released seat stays counted as held until
/// its release commits, so a rollback can never overbook a slot that someone else took meanwhile.
/// </summary>
public sealed class SeatLedger
{
    private readonly Dictionary<string, Appointment> appointments = new(StringComparer.Ordinal);

    // Who holds an active seat here, so that "this applicant already sits here" costs the same on an empty day and
    // on a day of 18,000 bookings. Kept in step with every change of a record through Put and Forget.
    private readonly Dictionary<ApplicantIdentity, string> activeCodes = [];
    private readonly Dictionary<TimeOnly, int> held = [];
    private readonly HashSet<string> voided = new(StringComparer.Ordinal);
    private DayPlan plan;

    // Active seats held by members of a regional reserve's group (records marked Reserve), kept like activeCodes: what
    // the day's reserve is measured against.
    private int reserveHeld;

    public SeatLedger(DayPlan plan, IEnumerable<Appointment> stored)
    {
        this.plan = plan;
        foreach (var appointment in stored)
        {
            Put(appointment);
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

    /// <summary>Active seats held against the regional reserve.</summary>
    public int ReserveHeld => reserveHeld;

    public Appointment? Find(string code) => appointments.GetValueOrDefault(code);

    /// <summary>
    /// Every slot with its capacity and free seats. A slot keeps at least as many seats as it holds: after a
    /// cut that could not move everyone (or hours that no longer cover a booked slot), the seats still held
    /// stay counted as capacity, so no slot ever shows more appointments than seats.
    /// </summary>
    public DayAvailability Availability()
    {
        var slots = plan.Slots.Select(s => new SlotAvailability(s.Start, s.End, Math.Max(s.Capacity, Held(s.Start)), Math.Max(0, s.Capacity - Held(s.Start)))).ToList();
        var planned = plan.Slots.Select(s => s.Start).ToHashSet();
        if (held.Any(h => h.Value > 0 && !planned.Contains(h.Key)))
        {
            // Rare (hours cut under booked slots): only then are the records read, for the orphaned slots' ends.
            slots.AddRange(appointments.Values
                .Where(a => a.IsActive && !planned.Contains(a.Start))
                .GroupBy(a => a.Start)
                .Select(g => new SlotAvailability(g.Key, g.First().End, Held(g.Key), 0)));
            slots.Sort((x, y) => x.Start.CompareTo(y.Start));
        }

        return new(plan.Date, slots.ToArray(), reserveHeld);
    }

    /// <summary>
    /// Decides a seat request: the one place where a seat is given. The same code asking again gets its seat back
    /// (retries are harmless), an applicant who already holds a seat here gets that one; otherwise the slot rules
    /// (<see cref="SlotRules"/>, at the office's <paramref name="clock"/>) and then the free seats decide. The same
    /// code at another start moves within the day in one step. A refusal says why in <c>Refusal</c>.
    /// </summary>
    public (SeatResult Result, Appointment? Appointment, LedgerChange? Change, SlotRefusal Refusal) Take(SeatRequest request, BookingClock clock, DateTimeOffset at)
    {
        var (result, appointment, change) = Decide(request, clock, at, out var refusal);
        return (result, appointment, change, refusal);
    }

    private (SeatResult Result, Appointment? Appointment, LedgerChange? Change) Decide(SeatRequest request, BookingClock clock, DateTimeOffset at, out SlotRefusal refusal)
    {
        refusal = SlotRefusal.None;
        if (voided.Contains(request.Code))
        {
            return (SeatResult.CodeVoid, null, null);
        }

        var existing = appointments.GetValueOrDefault(request.Code);
        if (existing is { Status: AppointmentStatus.Moved })
        {
            // Coming back to a day it once left: the old record gives way to the new seat.
            existing = null;
        }

        if (existing is { IsActive: false })
        {
            return (SeatResult.CodeVoid, null, null);
        }

        if (existing is not null && (request.Start is null || request.Start == existing.Start))
        {
            return (SeatResult.Booked, existing, null);
        }

        if (activeCodes.TryGetValue(request.Applicant.Identity, out var heldCode) && heldCode != request.Code &&
            appointments.GetValueOrDefault(heldCode) is { IsActive: true } sameApplicant)
        {
            // A retry that lost its answer (a timeout, a crash) must not leave the applicant two seats here.
            return (SeatResult.Booked, sameApplicant, null);
        }

        refusal = SlotRules.Check(plan, request.Start, clock);
        if (refusal != SlotRefusal.None)
        {
            return (SeatResult.NotOffered, null, null);
        }

        var reserve = ReserveCheck.For(this, request.Policy, clock);
        var slot = PickSlot(request.Start, clock.NotBefore(plan.Date), reserve);
        if (slot is null)
        {
            return request.Start is null ? (SeatResult.SlotFull, null, null) : (SeatResult.NotOffered, null, null);
        }

        if (Held(slot.Start) >= slot.Capacity || !reserve.Allows(slot.Start))
        {
            return (SeatResult.SlotFull, null, null);
        }

        var action = existing is null && request.History.Count == 0 ? "booked" : request.Reason is null ? "moved" : "relocated";
        var where = $"{plan.OfficeId} {plan.Date:yyyy-MM-dd} {slot.Start:HH\\:mm}";
        var created = new HistoryEntry(at, action, request.By, request.Reason is null ? where : $"{where}: {request.Reason}");
        var history = (existing?.History ?? request.History).Append(created).ToArray();
        var policy = request.Policy;
        var appointment = new Appointment(
            request.Code, AppointmentStatus.Booked, plan.Procedure, plan.OfficeId, plan.Date, slot.Start, slot.End, request.Applicant, history,
            FiledAt: existing?.FiledAt ?? policy?.FiledAt,
            FiledInTime: existing?.FiledInTime ?? policy?.FiledInTime ?? false,
            Reserve: existing?.Reserve ?? reserve.CountsAsReserve);
        Put(appointment);
        held[slot.Start] = Held(slot.Start) + 1;

        if (existing is null)
        {
            return (SeatResult.Booked, appointment, new LedgerChange(
                Commit: () => { },
                Rollback: () =>
                {
                    Forget(appointment);
                    held[slot.Start]--;
                }));
        }

        // Moving within the day: the old seat stays held until the move commits.
        return (SeatResult.Booked, appointment, new LedgerChange(
            Commit: () => held[existing.Start]--,
            Rollback: () =>
            {
                Put(existing);
                held[slot.Start]--;
            }));
    }

    /// <summary>
    /// Releases the seat of <paramref name="code"/>. The record stays (cancelled, or moved: the appointment
    /// lives on elsewhere), so this day remembers everyone who ever held a seat here. Releasing something
    /// already released changes nothing and answers false.
    /// </summary>
    public (bool Released, LedgerChange? Change) Release(string code, HistoryEntry entry, bool movedAway)
    {
        if (appointments.GetValueOrDefault(code) is not { IsActive: true } existing)
        {
            return (false, null);
        }

        var history = existing.History.Append(entry).ToArray();
        Put(existing with { Status = movedAway ? AppointmentStatus.Moved : AppointmentStatus.Cancelled, History = history });

        return (true, new LedgerChange(
            Commit: () => held[existing.Start]--,
            Rollback: () => Put(existing)));
    }

    /// <summary>
    /// Replaces the applicant's details with <see cref="ApplicantDetails.Erased"/> in every record <paramref name="finished"/>
    /// selects (and that still has them), noting it in the history; seats and statuses do not change. Answers how many.
    /// </summary>
    public int Erase(Func<Appointment, bool> finished, HistoryEntry entry)
    {
        var erased = appointments.Values.Where(a => !a.Applicant.IsErased && finished(a)).ToArray();
        foreach (var appointment in erased)
        {
            appointments[appointment.Code] = appointment with { Applicant = ApplicantDetails.Erased, History = [.. appointment.History, entry] };
        }

        return erased.Length;
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

    /// <summary>
    /// Adopts <paramref name="newPlan"/> for new bookings at once and answers the appointments it displaces
    /// (the latest booked of each slot beyond its new capacity). They keep their seats until they are moved
    /// away: nobody loses an appointment, and no new booking can take a seat the plan removed.
    /// </summary>
    public IReadOnlyList<Appointment> ApplyPlan(DayPlan newPlan)
    {
        var displaced = Displaced(newPlan);
        plan = newPlan;
        return displaced;
    }

    /// <summary>Stores <paramref name="appointment"/> under its code, replacing the record before it.</summary>
    private void Put(Appointment appointment)
    {
        if (appointments.GetValueOrDefault(appointment.Code) is { } before)
        {
            Unindex(before);
        }

        appointments[appointment.Code] = appointment;
        if (appointment.IsActive)
        {
            activeCodes[appointment.Applicant.Identity] = appointment.Code;
            if (appointment.Reserve)
            {
                reserveHeld++;
            }
        }
    }

    private void Forget(Appointment appointment)
    {
        appointments.Remove(appointment.Code);
        Unindex(appointment);
    }

    private void Unindex(Appointment appointment)
    {
        if (activeCodes.TryGetValue(appointment.Applicant.Identity, out var code) && code == appointment.Code)
        {
            activeCodes.Remove(appointment.Applicant.Identity);
        }

        if (appointment is { IsActive: true, Reserve: true })
        {
            reserveHeld--;
        }
    }

    private SlotPlan? PickSlot(TimeOnly? start, TimeOnly? notBefore, ReserveCheck reserve)
    {
        if (start is { } wanted)
        {
            var slot = plan.Slots.FirstOrDefault(s => s.Start == wanted);
            return slot is null || (notBefore is { } now && slot.Start <= now) ? null : slot;
        }

        return plan.Slots.FirstOrDefault(s => (notBefore is not { } now || s.Start > now) && Held(s.Start) < s.Capacity && reserve.Allows(s.Start));
    }

    /// <summary>The regional reserve's rule (<see cref="ReserveRule"/>) for one request on this day, as it stands now.</summary>
    private readonly struct ReserveCheck
    {
        private readonly SeatLedger ledger;
        private readonly DateTime fallenBackThrough;
        private readonly int reserveSeats;
        private readonly bool inGroup;
        private readonly bool reserveSet;
        private readonly bool active;

        private ReserveCheck(SeatLedger ledger, SeatPolicy policy, BookingClock clock)
        {
            this.ledger = ledger;
            inGroup = policy.InReserveGroup;
            reserveSeats = ReserveRule.Seats(ledger.plan.Slots.Sum(s => s.Capacity), policy.ReserveShare, ledger.plan.OfficeId, ledger.plan.Date);
            fallenBackThrough = ReserveRule.FallenBackThrough(clock, policy.FallbackLeadHours);
            reserveSet = true;
            active = reserveSeats > 0;
        }

        public bool CountsAsReserve => ReserveRule.CountsAsReserve(inGroup, reserveSet);

        public static ReserveCheck For(SeatLedger ledger, SeatPolicy? policy, BookingClock clock) =>
            policy is { ReserveShare: > 0 } ? new ReserveCheck(ledger, policy, clock) : default;

        public bool Allows(TimeOnly start)
        {
            if (!active || inGroup || ReserveRule.FallenBack(ledger.plan.Date, start, fallenBackThrough))
            {
                return true;
            }

            var self = this;
            var freeHeldBack = ledger.plan.Slots
                .Where(s => !ReserveRule.FallenBack(self.ledger.plan.Date, s.Start, self.fallenBackThrough))
                .Sum(s => Math.Max(0, s.Capacity - self.ledger.Held(s.Start)));
            return ReserveRule.MayTakeHeldBack(inGroup, reserveSeats, ledger.reserveHeld, freeHeldBack);
        }
    }
}
