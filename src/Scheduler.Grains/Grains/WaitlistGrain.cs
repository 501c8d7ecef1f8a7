using Microsoft.Extensions.Logging;
using Scheduler.Contracts;
using Scheduler.Domain;
using Scheduler.Grains.State;

namespace Scheduler.Grains.Grains;

/// <summary>
/// One procedure's waitlist. Seats that appear (an office publishes more free seats than before) are offered
/// to waiting entries in arrival order; a booking goes through the applicant grain, which keeps "one active
/// appointment per procedure" (an applicant who booked by hand answers "already booked" and leaves). A sweep
/// shortly after activation and every minute catches seats whose notice was lost and expires old entries.
/// </summary>
[CollectionAgeLimit(Days = 1)]
[GrainType("waitlist")]
public sealed class WaitlistGrain(
    [PersistentState("waitlist", StorageNames.Scheduler)] IPersistentState<WaitlistState> state,
    TimeProvider clock,
    ILogger<WaitlistGrain> logger) : Grain, IWaitlistGrain
{
    private IReadOnlyList<OfficeSummary> offices = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        offices = await GrainFactory.GetGrain<ICatalogGrain>(0).GetOffices();
        this.RegisterGrainTimer(SweepAsync, new GrainTimerCreationOptions(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1)));
    }

    async Task<WaitlistView> IWaitlistGrain.Join(WaitlistEntry entry)
    {
        if (Find(entry.Id) is { } existing)
        {
            return View(existing);
        }

        var added = entry with { Sequence = state.State.LastSequence + 1, Status = WaitlistStatus.Waiting };
        state.State.LastSequence++;
        state.State.Entries.Add(added);
        await state.WriteStateAsync();

        if (!state.State.Entries.Any(e => e.Status == WaitlistStatus.Waiting && e.Sequence < added.Sequence && Overlaps(e, added)))
        {
            // Nobody earlier waits for the same places and dates: take a free seat now if there is one.
            await SeatAnywhereAsync(added);
        }

        return View(Find(entry.Id)!);
    }

    Task<WaitlistView?> IWaitlistGrain.Get(string id) => Task.FromResult(Find(id) is { } entry ? View(entry) : null);

    async Task IWaitlistGrain.Leave(string id, string note)
    {
        if (Find(id) is { Status: WaitlistStatus.Waiting } entry)
        {
            Replace(entry with { Status = WaitlistStatus.Left, Note = note });
            await state.WriteStateAsync();
        }
    }

    async Task IWaitlistGrain.CapacityAvailable(string officeId, DateOnly date)
    {
        if (offices.FirstOrDefault(o => o.Id == officeId) is not { } office)
        {
            return;
        }

        var changed = false;
        foreach (var entry in Waiting().Where(e => date >= e.From && date <= e.To && InReach(e, office)).ToArray())
        {
            var (seated, full) = await TrySeatAsync(entry, office, date);
            changed |= seated;
            if (full)
            {
                break;
            }
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }
    }

    Task<IReadOnlyDictionary<string, int>> IWaitlistGrain.WaitingByOffice(DateOnly from, DateOnly to) =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(Waiting()
            .Where(e => e.From <= to && from <= e.To)
            .Select(e => Nearest(e)?.Id)
            .OfType<string>()
            .GroupBy(id => id)
            .ToDictionary(g => g.Key, g => g.Count()));

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var changed = false;
        foreach (var entry in Waiting().ToArray())
        {
            // The entry's dates are local to where it waits: the time zone of the office nearest its home.
            var zone = TimeZoneInfo.FindSystemTimeZoneById(Nearest(entry)?.TimeZone ?? "UTC");
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
            if (entry.To < today)
            {
                Replace(entry with { Status = WaitlistStatus.Expired, Note = "the date window passed without a seat" });
                changed = true;
            }
            else
            {
                changed |= await SeatAnywhereAsync(entry, write: false);
            }
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }
    }

    /// <summary>Books the earliest free seat in reach (earliest date, then nearest office), if any.</summary>
    private async Task<bool> SeatAnywhereAsync(WaitlistEntry entry, bool write = true)
    {
        var candidates = offices.Where(o => o.Procedures.Contains(entry.Procedure) && InReach(entry, o)).ToArray();
        var earliest = await Task.WhenAll(candidates.Select(async o =>
            (Office: o, Slots: await GrainFactory.GetGrain<IOfficeGrain>(o.Id).FindFreeSlots(entry.Procedure, entry.From, 1))));
        foreach (var (office, slots) in earliest.Where(e => e.Slots.Count > 0 && e.Slots[0].Date <= entry.To)
            .OrderBy(e => e.Slots[0].Date).ThenBy(e => Distance(entry, e.Office)))
        {
            var (seated, _) = await TrySeatAsync(entry, office, slots[0].Date);
            if (seated)
            {
                if (write)
                {
                    await state.WriteStateAsync();
                }

                return true;
            }
        }

        return false;
    }

    /// <summary>Tries to book <paramref name="entry"/> at the office that day; answers whether its state changed and whether the day is full.</summary>
    private async Task<(bool Changed, bool Full)> TrySeatAsync(WaitlistEntry entry, OfficeSummary office, DateOnly date)
    {
        var command = new BookingCommand(entry.Applicant, entry.Procedure, office.Id, date, null);
        BookingOutcome outcome;
        try
        {
            outcome = await GrainFactory.GetGrain<IApplicantGrain>(entry.Applicant.Identity.DocumentNumber).BookFromWaitlist(command, entry.Id);
        }
        catch (Exception failure)
        {
            logger.LogWarning(failure, "Booking waitlist entry {Id} at {Office} {Date} failed; it stays waiting", entry.Id, office.Id, date);
            return (false, true);
        }

        switch (outcome.Result)
        {
            case BookingResult.Booked:
                var a = outcome.Appointment!;
                Replace(entry with { Status = WaitlistStatus.Booked, Code = a.Code, OfficeId = a.OfficeId, Date = a.Date, Start = a.Start, Note = "booked automatically" });
                return (true, false);
            case BookingResult.AlreadyBooked:
                Replace(entry with { Status = WaitlistStatus.Left, Code = outcome.ExistingCode, Note = "booked by hand" });
                return (true, false);
            default:
                return (false, true);
        }
    }

    private IEnumerable<WaitlistEntry> Waiting() => state.State.Entries.Where(e => e.Status == WaitlistStatus.Waiting).OrderBy(e => e.Sequence);

    private WaitlistEntry? Find(string id) => state.State.Entries.FirstOrDefault(e => e.Id == id);

    private void Replace(WaitlistEntry entry) => state.State.Entries[state.State.Entries.FindIndex(e => e.Id == entry.Id)] = entry;

    private WaitlistView View(WaitlistEntry entry) =>
        new(entry, entry.Status == WaitlistStatus.Waiting ? Waiting().TakeWhile(e => e.Id != entry.Id).Count() + 1 : null);

    private OfficeSummary? Nearest(WaitlistEntry entry) => offices.Where(o => o.Procedures.Contains(entry.Procedure)).MinBy(o => Distance(entry, o));

    private static bool InReach(WaitlistEntry entry, OfficeSummary office) => Distance(entry, office) <= entry.RadiusKm;

    private static double Distance(WaitlistEntry entry, OfficeSummary office) =>
        new GeoPoint(entry.HomeLatitude, entry.HomeLongitude).DistanceKmTo(new GeoPoint(office.Latitude, office.Longitude));

    private bool Overlaps(WaitlistEntry a, WaitlistEntry b) =>
        a.From <= b.To && b.From <= a.To && offices.Any(o => InReach(a, o) && InReach(b, o));
}
