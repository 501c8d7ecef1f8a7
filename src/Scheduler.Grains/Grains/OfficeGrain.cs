using Microsoft.Extensions.Options;
using Scheduler.Contracts;
using Scheduler.Grains.Domain;
using Scheduler.Grains.State;

namespace Scheduler.Grains.Grains;

/// <summary>
/// An office: its profile and capacity plan (stored), and the availability board of its days (memory
/// only). Day inventories publish their availability here after every committed change; days that
/// never published have no bookings, so their plan is their availability. On activation the office
/// wakes its days within the booking window so the board is complete without a database read on a search.
/// </summary>
[GrainType("office")]
public sealed class OfficeGrain(
    [PersistentState("office", StorageNames.Scheduler)] IPersistentState<OfficeState> state,
    IOptions<BookingWindowOptions> window,
    TimeProvider clock) : Grain, IOfficeGrain
{
    private readonly Dictionary<(string Procedure, DateOnly Date), DayAvailability> board = [];
    private Dictionary<string, Procedure> procedures = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await LoadProceduresAsync();
        WakeDays();
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
        var days = new List<DayAvailability>();
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            if (Availability(procedure, date) is { Free: > 0 } day)
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
        board[(procedure, availability.Date)] = availability;
        return Task.CompletedTask;
    }

    async Task<CapacityChangeResult> IOfficeGrain.ChangeCapacity(CapacityChange change)
    {
        if (state.State.Profile is not { } profile)
        {
            return new CapacityChangeResult(false, [], []);
        }

        var rule = change.Rule;
        var changed = profile with
        {
            Rules = [.. profile.Rules, rule],
            Counters = profile.Counters.ContainsKey(rule.Procedure)
                ? profile.Counters
                : new Dictionary<string, int>(profile.Counters) { [rule.Procedure] = 0 },
        };

        var (today, _) = LocalNow();
        var first = rule.From < today ? today : rule.From;
        var last = rule.To < today.AddDays(window.Value.HorizonDays) ? rule.To : today.AddDays(window.Value.HorizonDays);
        var plans = new List<DayPlan>();
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            var before = Plan(profile, rule.Procedure, date);
            var after = Plan(changed, rule.Procedure, date);
            if (!before.Slots.SequenceEqual(after.Slots))
            {
                plans.Add(after);
            }
        }

        // Every affected day either adopts its new plan or refuses; a refusal undoes the days already changed.
        var applied = new List<DayPlan>();
        var displaced = new List<Appointment>();
        foreach (var plan in plans)
        {
            var refused = await Day(plan).ApplyPlan(plan, dryRun: displaced.Count > 0);
            if (refused.Count > 0)
            {
                displaced.AddRange(refused);
            }
            else if (displaced.Count == 0)
            {
                applied.Add(plan);
            }
        }

        if (displaced.Count == 0)
        {
            state.State.Profile = changed;
            try
            {
                await state.WriteStateAsync();
                return new CapacityChangeResult(true, plans, []);
            }
            catch
            {
                await RevertAsync(profile, applied);
                throw;
            }
        }

        await RevertAsync(profile, applied);
        return new CapacityChangeResult(false, [], displaced);
    }

    private async Task RevertAsync(OfficeProfile profile, IEnumerable<DayPlan> applied)
    {
        state.State.Profile = profile;
        foreach (var plan in applied)
        {
            var original = Plan(profile, plan.Procedure, plan.Date);
            await Day(original).ApplyPlan(original, dryRun: false);
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
