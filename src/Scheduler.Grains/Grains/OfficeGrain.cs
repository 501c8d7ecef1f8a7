using Microsoft.Extensions.Options;
using Scheduler.Contracts;
using Scheduler.Grains.Capacity;
using Scheduler.Grains.Domain;
using Scheduler.Grains.State;
using Scheduler.Grains.Telemetry;

namespace Scheduler.Grains.Grains;

/// <summary>
/// An office: its profile and capacity plan (stored), and the availability board of its days (memory
/// only). Day inventories publish their availability here after every committed change; days that
/// never published have no bookings, so their plan is their availability. On activation the office
/// wakes its days within the booking window so the board is complete without a database read on a search.
/// </summary>
[CollectionAgeLimit(Days = 1)]
[GrainType("office")]
public sealed class OfficeGrain(
    [PersistentState("office", StorageNames.Scheduler)] IPersistentState<OfficeState> state,
    IOptions<BookingWindowOptions> window,
    SchedulerMetrics metrics,
    TimeProvider clock) : Grain, IOfficeGrain
{
    private const int RelocationWave = 16;
    private readonly Dictionary<(string Procedure, DateOnly Date), DayAvailability> board = [];
    private readonly Dictionary<string, DateTimeOffset> gaugeUpdated = [];
    private Dictionary<string, Procedure> procedures = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await LoadProceduresAsync();
        WakeDays();
        if (state.State.Profile?.Adjustments.Any(a => !a.Confirmed) == true)
        {
            // A transfer was under way when this office last stopped: ask its coordinator how it ended.
            this.RegisterGrainTimer(SettleUnconfirmedAsync, new GrainTimerCreationOptions(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30)));
        }
    }

    Task<OfficeProfile?> IOfficeGrain.GetProfile() => Task.FromResult(state.State.Profile);

    async Task IOfficeGrain.Seed(OfficeProfile profile)
    {
        if (state.State.Profile is not null)
        {
            return;
        }

        state.State.Profile = profile;
        await state.WriteStateAsync();
        await LoadProceduresAsync();
        WakeDays();
    }

    Task<DayPlan> IOfficeGrain.GetDayPlan(string procedure, DateOnly date) => Task.FromResult(Plan(state.State.Profile, procedure, date));

    Task<IReadOnlyList<DayAvailability>> IOfficeGrain.GetAvailability(string procedure, DateOnly from, DateOnly to)
    {
        var (today, now) = LocalNow();
        var days = new List<DayAvailability>();
        for (var date = from < today ? today : from; date <= to; date = date.AddDays(1))
        {
            var day = Availability(procedure, date);
            if (date == today)
            {
                // Slots that have begun can no longer be booked: not offered.
                day = day with { Slots = day.Slots.Where(s => s.Start > now).ToArray() };
            }

            if (day.Free > 0)
            {
                days.Add(day);
            }
        }

        return Task.FromResult<IReadOnlyList<DayAvailability>>(days);
    }

    Task<IReadOnlyList<FreeSlot>> IOfficeGrain.FindFreeSlots(string procedure, DateOnly from, int limit)
    {
        var found = new List<FreeSlot>();
        var (today, now) = LocalNow();
        var last = today.AddDays(window.Value.HorizonDays);
        for (var date = from < today ? today : from; date <= last && found.Count < limit; date = date.AddDays(1))
        {
            foreach (var slot in Availability(procedure, date).Slots)
            {
                if (slot.Free > 0 && (date > today || slot.Start > now))
                {
                    found.Add(new FreeSlot(this.GetPrimaryKeyString(), date, slot.Start, slot.End, slot.Free));
                    if (found.Count == limit)
                    {
                        break;
                    }
                }
            }
        }

        return Task.FromResult<IReadOnlyList<FreeSlot>>(found);
    }

    Task IOfficeGrain.Publish(string procedure, DayAvailability availability)
    {
        var key = (procedure, availability.Date);
        var before = board.TryGetValue(key, out var previous) ? previous.Free : (int?)null;
        board[key] = availability;
        var now = clock.GetUtcNow();
        if (!gaugeUpdated.TryGetValue(procedure, out var last) || now - last > TimeSpan.FromSeconds(1))
        {
            gaugeUpdated[procedure] = now;
            var (today, _) = LocalNow();
            metrics.FreeSeats(this.GetPrimaryKeyString(), procedure, Dates(today, today.AddDays(window.Value.HorizonDays)).Sum(d => Availability(procedure, d).Free));
        }
        if (before is { } free && availability.Free > free)
        {
            // Seats appeared (a cancellation, more counters, a transfer): let the waitlist serve them.
            GrainFactory.GetGrain<IWaitlistGrain>(procedure).CapacityAvailable(this.GetPrimaryKeyString(), availability.Date).Ignore();
        }

        return Task.CompletedTask;
    }

    async Task<CapacityChangeResult> IOfficeGrain.ChangeCapacity(CapacityChange change)
    {
        if (state.State.Profile is not { } profile)
        {
            return CapacityChangeResult.Refused([]);
        }

        var counters = new Dictionary<string, int>(profile.Counters);
        foreach (var rule in change.Rules)
        {
            counters.TryAdd(rule.Procedure, 0);
        }

        var changed = profile with { Rules = [.. profile.Rules, .. change.Rules], Counters = counters };
        var plans = ChangedPlans(profile, changed, change.Rules.Select(r => (r.Procedure, r.From, r.To)));

        if (!change.Relocate)
        {
            var wouldDisplace = (await Task.WhenAll(plans.Select(p => Day(p).PreviewPlan(p)))).SelectMany(d => d).ToArray();
            if (wouldDisplace.Length > 0)
            {
                return CapacityChangeResult.Refused(wouldDisplace);
            }
        }

        var displaced = await StoreAndApplyAsync(profile, changed, plans);
        if (displaced.Length == 0 || !change.Relocate)
        {
            return new CapacityChangeResult(true, plans, [], [], displaced);
        }

        var relocator = new Relocator(GrainFactory, await GrainFactory.GetGrain<ICatalogGrain>(0).GetOffices(), clock);
        var relocated = new List<Relocation>();
        var unplaced = new List<Appointment>();

        // Earliest first; a few moves at a time (they run on this grain's scheduler, so the relocator's
        // bookkeeping needs no lock), which keeps a large closure well inside the call timeout.
        foreach (var wave in displaced.OrderBy(a => a.Date).ThenBy(a => a.Start).Chunk(RelocationWave))
        {
            var moves = await Task.WhenAll(wave.Select(async a => (From: a, To: await relocator.MoveAsync(a, change))));
            foreach (var (from, to) in moves)
            {
                if (to is null)
                {
                    unplaced.Add(from);
                }
                else
                {
                    relocated.Add(new Relocation(from, to));
                }
            }
        }

        return new CapacityChangeResult(true, plans, [], relocated, unplaced);
    }

    async Task<AdjustmentResult> IOfficeGrain.Adjust(CounterAdjustment adjustment)
    {
        if (state.State.Profile is not { } profile)
        {
            return new AdjustmentResult(false, $"There is no office '{this.GetPrimaryKeyString()}'.", []);
        }

        if (profile.Adjustments.Any(a => a.TransferId == adjustment.TransferId))
        {
            return new AdjustmentResult(true, null, []);
        }

        var counters = new Dictionary<string, int>(profile.Counters);
        counters.TryAdd(adjustment.Procedure, 0);
        var changed = profile with { Counters = counters, Adjustments = [.. profile.Adjustments, adjustment] };
        var plans = ChangedPlans(profile, changed, [(adjustment.Procedure, adjustment.From, adjustment.To)]);
        if (adjustment.Delta < 0)
        {
            var (today, _) = LocalNow();
            var last = Min(adjustment.To, today.AddDays(window.Value.HorizonDays));
            foreach (var date in Dates(Max(adjustment.From, today), last))
            {
                var before = Plan(profile, adjustment.Procedure, date);
                if (before.Slots.Count > 0 && before.Slots.Min(s => s.Capacity) < -adjustment.Delta)
                {
                    return new AdjustmentResult(false, $"{this.GetPrimaryKeyString()} has fewer than {-adjustment.Delta} counters for {adjustment.Procedure} on {date:yyyy-MM-dd}.", []);
                }
            }

            var wouldDisplace = (await Task.WhenAll(plans.Select(p => Day(p).PreviewPlan(p)))).SelectMany(d => d).ToArray();
            if (wouldDisplace.Length > 0)
            {
                return new AdjustmentResult(false, "Taking these counters would leave booked appointments without a seat.", wouldDisplace);
            }
        }

        await StoreAndApplyAsync(profile, changed, plans);
        return new AdjustmentResult(true, null, []);
    }

    async Task IOfficeGrain.SettleAdjustment(string transferId, bool confirm)
    {
        if (state.State.Profile is not { } profile || profile.Adjustments.FirstOrDefault(a => a.TransferId == transferId) is not { } adjustment)
        {
            return;
        }

        if (confirm && adjustment.Confirmed)
        {
            return;
        }

        var others = profile.Adjustments.Where(a => a.TransferId != transferId);
        var changed = profile with { Adjustments = confirm ? [.. others, adjustment with { Confirmed = true }] : [.. others] };
        await StoreAndApplyAsync(profile, changed, ChangedPlans(profile, changed, [(adjustment.Procedure, adjustment.From, adjustment.To)]));
    }

    Task<OfficeUtilization> IOfficeGrain.GetUtilization(string procedure, DateOnly from, DateOnly to)
    {
        int capacity = 0, booked = 0, soldOut = 0, open = 0;
        foreach (var date in Dates(from, to))
        {
            var day = Availability(procedure, date);
            if (day.Capacity == 0)
            {
                continue;
            }

            open++;
            capacity += day.Capacity;
            booked += day.Capacity - day.Free;
            soldOut += day.Free == 0 ? 1 : 0;
        }

        return Task.FromResult(new OfficeUtilization(this.GetPrimaryKeyString(), capacity, booked, soldOut, open));
    }

    /// <summary>The day plans inside the booking window that differ between two profiles, for the given procedures and ranges.</summary>
    private List<DayPlan> ChangedPlans(OfficeProfile before, OfficeProfile after, IEnumerable<(string Procedure, DateOnly From, DateOnly To)> ranges)
    {
        var (today, _) = LocalNow();
        var horizon = today.AddDays(window.Value.HorizonDays);
        var plans = new List<DayPlan>();
        foreach (var (procedure, date) in ranges.SelectMany(r => Dates(Max(r.From, today), Min(r.To, horizon)).Select(d => (r.Procedure, Date: d))).Distinct())
        {
            var plan = Plan(after, procedure, date);
            if (!Plan(before, procedure, date).Slots.SequenceEqual(plan.Slots))
            {
                plans.Add(plan);
            }
        }

        return plans;
    }

    /// <summary>
    /// Stores the new profile (the commit point; a day that activates later reads its plan from here), then
    /// has every changed day adopt its plan at once. Answers the appointments the new plans displace.
    /// </summary>
    private async Task<Appointment[]> StoreAndApplyAsync(OfficeProfile before, OfficeProfile after, IReadOnlyList<DayPlan> plans)
    {
        state.State.Profile = after;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Profile = before;
            throw;
        }

        return (await Task.WhenAll(plans.Select(p => Day(p).ApplyPlan(p)))).SelectMany(d => d).ToArray();
    }

    private async Task SettleUnconfirmedAsync(CancellationToken cancellationToken)
    {
        foreach (var adjustment in state.State.Profile?.Adjustments.Where(a => !a.Confirmed).ToArray() ?? [])
        {
            var status = await GrainFactory.GetGrain<ICapacityTransferGrain>(adjustment.TransferId).Resolve();
            if (status != TransferStatus.Pending)
            {
                await ((IOfficeGrain)this).SettleAdjustment(adjustment.TransferId, status == TransferStatus.Committed);
            }
        }
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static IEnumerable<DateOnly> Dates(DateOnly first, DateOnly last)
    {
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            yield return date;
        }
    }

    private DayAvailability Availability(string procedure, DateOnly date) =>
        board.TryGetValue((procedure, date), out var published)
            ? published
            : new DayAvailability(date, Plan(state.State.Profile, procedure, date).Slots.Select(s => new SlotAvailability(s.Start, s.End, s.Capacity, s.Capacity)).ToArray());

    private DayPlan Plan(OfficeProfile? profile, string procedure, DateOnly date) =>
        profile is not null && procedures.TryGetValue(procedure, out var definition)
            ? SlotPlanner.PlanDay(profile, definition, date)
            : DayPlan.Closed(this.GetPrimaryKeyString(), procedure, date);

    private async Task LoadProceduresAsync()
    {
        var all = await GrainFactory.GetGrain<ICatalogGrain>(0).GetProcedures();
        procedures = all.ToDictionary(p => p.Id);
    }

    private void WakeDays()
    {
        if (state.State.Profile is not { } profile)
        {
            return;
        }

        var (today, _) = LocalNow();
        foreach (var procedure in profile.Procedures)
        {
            for (var date = today; date <= today.AddDays(window.Value.HorizonDays); date = date.AddDays(1))
            {
                if (Plan(profile, procedure, date).Slots.Count > 0)
                {
                    GrainFactory.GetGrain<IDayInventoryGrain>(new DayKey(profile.Id, procedure, date).ToString()).Warm().Ignore();
                }
            }
        }
    }

    private (DateOnly Today, TimeOnly Now) LocalNow()
    {
        var zone = state.State.Profile is { } profile ? TimeZoneInfo.FindSystemTimeZoneById(profile.TimeZone) : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime;
        return (DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }

    private IDayInventoryGrain Day(DayPlan plan) =>
        GrainFactory.GetGrain<IDayInventoryGrain>(new DayKey(plan.OfficeId, plan.Procedure, plan.Date).ToString());
}
