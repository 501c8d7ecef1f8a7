using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scheduler.Contracts;
using Scheduler.Grains.Capacity;
using Scheduler.Grains.Hosting;
using Scheduler.Domain;
using Scheduler.Grains.State;
using Scheduler.Grains.Telemetry;
using Scheduler.Storage;

namespace Scheduler.Grains.Grains;

/// <summary>
/// An office: its profile and capacity plan (stored), and the availability board of its days (memory only,
/// <see cref="AvailabilityBoard"/>). Day inventories publish their availability here after every committed change.
/// An activation starts with an empty board, so right after activating (and whenever cluster membership changes:
/// a silo that died may have taken publications with it) the office asks every open day of its booking window,
/// a bounded number at a time; searches wait for that first round. A periodic check also asks a few days in turn,
/// so a publication lost for any other reason is repaired too. Days the office never heard from have no bookings,
/// so their plan is their availability.
/// </summary>
[CollectionAgeLimit(Days = 1)]
[GrainType("office")]
public sealed class OfficeGrain(
    [PersistentState("office", StorageNames.Scheduler)] IPersistentState<OfficeState> state,
    IOptions<BookingWindowOptions> window,
    SchedulerMetrics metrics,
    IClusterMembershipService membership,
    Microsoft.Extensions.Hosting.IHostApplicationLifetime lifetime,
    ILogger<OfficeGrain> logger,
    IFaultInjection faults,
    TimeProvider clock) : Grain, IOfficeGrain
{
    /// <summary>A point between two waves of days adopting a change's plans, where tests make the change fail.</summary>
    public const string BetweenDays = "capacity:between-days";

    /// <summary>Days that adopt a change's plans at once.</summary>
    private const int ApplyWave = 16;

    /// <summary>Days asked at once when the office asks its days (a few hundred in all).</summary>
    private const int AskWave = 32;

    /// <summary>Days the periodic check asks in turn, besides any that did not answer before.</summary>
    private const int DaysVerifiedPerCheck = 6;

    private static readonly TimeSpan CheckPeriod = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DayAnswerTimeout = TimeSpan.FromSeconds(5);

    private readonly AvailabilityBoard board = new();

    // Completes when the first round of asking the days has ended: until then the board may show taken seats as free.
    private readonly TaskCompletionSource boardReady = new();
    private MembershipVersion askedAllAt = MembershipVersion.MinValue;
    private bool askAll = true;
    private int verifyCursor;
    private Dictionary<string, Procedure> procedures = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await LoadProceduresAsync();

        // Not awaited here: a day that activates when asked calls back into this office (GetDayPlan), which an
        // activation still in OnActivateAsync cannot answer. The timer's first tick runs right after activation, as
        // one turn (publications wait for it, so none is overwritten by an older answer); reads wait for boardReady.
        this.RegisterGrainTimer(CheckBoardAsync, new GrainTimerCreationOptions(TimeSpan.Zero, CheckPeriod) { KeepAlive = false });
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

        // A new office has no bookings (the plan is the truth until then); the next check wakes and asks its days.
        askAll = true;
    }

    Task<DayPlan> IOfficeGrain.GetDayPlan(string procedure, DateOnly date) => Task.FromResult(Plan(state.State.Profile, procedure, date));

    // Reads answer at once from the board; only while the first round of asking the days runs do they wait for it.
    // (The waiting paths are separate methods so that the immediate path allocates no closure.)
    Task<IReadOnlyList<DayAvailability>> IOfficeGrain.GetAvailability(string procedure, DateOnly from, DateOnly to) =>
        boardReady.Task.IsCompleted ? Task.FromResult(DaysWithFreeSeats(procedure, from, to)) : DaysWithFreeSeatsWhenReadyAsync(procedure, from, to);

    Task<IReadOnlyList<FreeSlot>> IOfficeGrain.FindFreeSlots(string procedure, DateOnly from, int limit) =>
        boardReady.Task.IsCompleted ? Task.FromResult(FreeSlots(procedure, from, limit)) : FreeSlotsWhenReadyAsync(procedure, from, limit);

    private async Task<IReadOnlyList<DayAvailability>> DaysWithFreeSeatsWhenReadyAsync(string procedure, DateOnly from, DateOnly to)
    {
        await boardReady.Task;
        return DaysWithFreeSeats(procedure, from, to);
    }

    private async Task<IReadOnlyList<FreeSlot>> FreeSlotsWhenReadyAsync(string procedure, DateOnly from, int limit)
    {
        await boardReady.Task;
        return FreeSlots(procedure, from, limit);
    }

    private IReadOnlyList<DayAvailability> DaysWithFreeSeats(string procedure, DateOnly from, DateOnly to)
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

            if (AvailabilityBoard.FreeSeats(day) > 0)
            {
                days.Add(day);
            }
        }

        return days;
    }

    private IReadOnlyList<FreeSlot> FreeSlots(string procedure, DateOnly from, int limit)
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

        return found;
    }

    Task IOfficeGrain.Publish(string procedure, DayAvailability availability)
    {
        Show(procedure, availability);
        return Task.CompletedTask;
    }

    async Task<CapacityChangeResult> IOfficeGrain.ChangeCapacity(CapacityChange change)
    {
        var applied = await ((IOfficeGrain)this).ApplyCapacityChange(change);
        if (!applied.Applied)
        {
            return applied;
        }

        if (applied.Displaced.Count == 0 || !change.Relocate)
        {
            return applied with { Displaced = [], Unplaced = applied.Displaced };
        }

        var relocator = new Relocator(GrainFactory, ServiceProvider.GetRequiredService<ApplicantKeys>(), await GrainFactory.GetGrain<ICatalogGrain>(0).GetOffices(), clock);
        var (relocated, unplaced) = await relocator.MoveAllAsync(applied.Displaced, change, (_, _) => Task.CompletedTask);
        return applied with { Displaced = [], Relocated = relocated, Unplaced = unplaced };
    }

    async Task<CapacityChangeResult> IOfficeGrain.ApplyCapacityChange(CapacityChange change)
    {
        if (state.State.Profile is not { } profile)
        {
            return CapacityChangeResult.Refused([]);
        }

        var ranges = change.Rules.Select(r => (r.Procedure, r.From, r.To)).ToArray();
        if (change.OperationId is { } operation && profile.Rules.Any(r => r.OperationId == operation))
        {
            // Stored by an earlier attempt that failed before every day had adopted its plan (or before it
            // answered): adopt the plans again. Days that already did answer the same, and whoever is still
            // displaced is answered again (those relocated meanwhile no longer are).
            var without = profile with { Rules = profile.Rules.Where(r => r.OperationId != operation).ToArray() };
            var again = ChangedPlans(without, profile, ranges);
            return new CapacityChangeResult(true, again, await ApplyPlansAsync(again, operation), [], []);
        }

        var counters = new Dictionary<string, int>(profile.Counters);
        foreach (var rule in change.Rules)
        {
            counters.TryAdd(rule.Procedure, 0);
        }

        var tagged = change.Rules.Select(r => r with { OperationId = change.OperationId });
        var changed = profile with { Rules = [.. profile.Rules, .. tagged], Counters = counters };
        var plans = ChangedPlans(profile, changed, ranges);

        if (!change.Relocate)
        {
            var wouldDisplace = (await Task.WhenAll(plans.Select(p => Day(p).PreviewPlan(p)))).SelectMany(d => d).ToArray();
            if (wouldDisplace.Length > 0)
            {
                return CapacityChangeResult.Refused(wouldDisplace);
            }
        }

        var displaced = await StoreAndApplyAsync(profile, changed, plans, change.OperationId);
        return new CapacityChangeResult(true, plans, displaced, [], []);
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

    async Task<OfficeUtilization> IOfficeGrain.GetUtilization(string procedure, DateOnly from, DateOnly to)
    {
        await boardReady.Task;
        return Utilization(procedure, from, to);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The gauge reports offices active on this silo.
        metrics.ForgetOffice(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    private OfficeUtilization Utilization(string procedure, DateOnly from, DateOnly to)
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

        return new OfficeUtilization(this.GetPrimaryKeyString(), capacity, booked, soldOut, open);
    }

    /// <summary>Puts a day's reported availability on the board; seats that appeared are offered to the waitlist.</summary>
    private void Show(string procedure, DayAvailability availability)
    {
        if (board.Record(procedure, availability) is { } before && AvailabilityBoard.FreeSeats(availability) > before)
        {
            // Seats appeared (a cancellation, more counters, a transfer, or a publication this board missed): let the waitlist serve them.
            GrainFactory.GetGrain<IWaitlistGrain>(procedure).CapacityAvailable(this.GetPrimaryKeyString(), availability.Date).Ignore();
        }
    }

    /// <summary>
    /// The board's periodic check (one turn; publications wait for it). Asks every open day of the booking window on
    /// the first tick, after a seeding and after any membership change; otherwise the days that did not answer last
    /// time and a few more in turn, so a full pass over the window takes a minute or so at a handful of calls a second.
    /// </summary>
    private async Task CheckBoardAsync(CancellationToken cancellationToken)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // The silo is stopping: asking days would only try to place them again (thousands of placement errors).
            return;
        }

        var (today, _) = LocalNow();
        board.ForgetBefore(today);
        try
        {
            var version = membership.CurrentSnapshot.Version;
            if (askAll || version != askedAllAt)
            {
                askAll = false;
                askedAllAt = version;
                await AskAsync(WindowDays(today).ToArray(), cancellationToken);
            }
            else
            {
                await AskAsync([.. board.TakeUnanswered(), .. NextDaysToVerify(today)], cancellationToken);
            }
        }
        finally
        {
            boardReady.TrySetResult();
        }

        if (state.State.Profile is { } profile)
        {
            foreach (var procedure in profile.Procedures)
            {
                var free = 0;
                foreach (var date in Dates(today, today.AddDays(window.Value.HorizonDays)))
                {
                    free += AvailabilityBoard.FreeSeats(Availability(procedure, date));
                }

                metrics.FreeSeats(this.GetPrimaryKeyString(), procedure, free);
            }
        }
    }

    /// <summary>Asks days for their availability, <see cref="AskWave"/> at a time, and shows each answer; a day that does not answer is asked again at the next check.</summary>
    private async Task AskAsync(IReadOnlyList<(string Procedure, DateOnly Date)> days, CancellationToken cancellationToken)
    {
        for (var first = 0; first < days.Count && !cancellationToken.IsCancellationRequested; first += AskWave)
        {
            var wave = days.Skip(first).Take(AskWave).ToArray();
            var answers = await Task.WhenAll(wave.Select(AskOneAsync));
            for (var i = 0; i < wave.Length; i++)
            {
                if (answers[i] is { } answer)
                {
                    Show(wave[i].Procedure, answer);
                }
                else
                {
                    board.MarkUnanswered(wave[i].Procedure, wave[i].Date);
                }
            }
        }
    }

    private async Task<DayAvailability?> AskOneAsync((string Procedure, DateOnly Date) day)
    {
        try
        {
            return await GrainFactory.GetGrain<IDayInventoryGrain>(new DayKey(this.GetPrimaryKeyString(), day.Procedure, day.Date).ToString())
                .GetAvailability().WaitAsync(DayAnswerTimeout);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            logger.LogDebug(failure, "Day {Procedure} {Date} of office {Office} did not answer; asking again at the next check", day.Procedure, day.Date, this.GetPrimaryKeyString());
            return null;
        }
    }

    /// <summary>Every open day of the booking window (its plan has slots), for every procedure: those with an inventory to ask.</summary>
    private IEnumerable<(string Procedure, DateOnly Date)> WindowDays(DateOnly today)
    {
        if (state.State.Profile is not { } profile)
        {
            yield break;
        }

        foreach (var procedure in profile.Procedures)
        {
            foreach (var date in Dates(today, today.AddDays(window.Value.HorizonDays)))
            {
                if (Plan(profile, procedure, date).Slots.Count > 0)
                {
                    yield return (procedure, date);
                }
            }
        }
    }

    /// <summary>The next <see cref="DaysVerifiedPerCheck"/> open days of the window in turn (procedures x dates, wrapping around).</summary>
    private List<(string Procedure, DateOnly Date)> NextDaysToVerify(DateOnly today)
    {
        var next = new List<(string Procedure, DateOnly Date)>(DaysVerifiedPerCheck);
        var procedureList = state.State.Profile?.Procedures.Order(StringComparer.Ordinal).ToArray() ?? [];
        if (procedureList.Length == 0)
        {
            return next;
        }

        var profile = state.State.Profile!;
        var span = window.Value.HorizonDays + 1;
        var positions = procedureList.Length * span;
        for (var looked = 0; looked < positions && next.Count < DaysVerifiedPerCheck; looked++)
        {
            verifyCursor = (verifyCursor + 1) % positions;
            var (procedure, date) = (procedureList[verifyCursor / span], today.AddDays(verifyCursor % span));
            if (Plan(profile, procedure, date).Slots.Count > 0)
            {
                next.Add((procedure, date));
            }
        }

        return next;
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
    private async Task<Appointment[]> StoreAndApplyAsync(OfficeProfile before, OfficeProfile after, IReadOnlyList<DayPlan> plans, string? operationId = null)
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

        return await ApplyPlansAsync(plans, operationId);
    }

    /// <summary>
    /// Has every day adopt its plan, <see cref="ApplyWave"/> days at a time (a year of days is hundreds of calls).
    /// A failure part-way leaves the later days on their old plan: the operation's retry applies them all again.
    /// </summary>
    private async Task<Appointment[]> ApplyPlansAsync(IReadOnlyList<DayPlan> plans, string? operationId)
    {
        var displaced = new List<Appointment>();
        var first = true;
        foreach (var wave in plans.Chunk(ApplyWave))
        {
            if (!first && operationId is not null)
            {
                await faults.At(BetweenDays, operationId);
            }

            first = false;
            displaced.AddRange((await Task.WhenAll(wave.Select(p => Day(p).ApplyPlan(p)))).SelectMany(d => d));
        }

        return [.. displaced];
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
        board.TryGet(procedure, date, out var published)
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

    private (DateOnly Today, TimeOnly Now) LocalNow()
    {
        var zone = state.State.Profile is { } profile ? TimeZoneInfo.FindSystemTimeZoneById(profile.TimeZone) : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime;
        return (DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }

    private IDayInventoryGrain Day(DayPlan plan) =>
        GrainFactory.GetGrain<IDayInventoryGrain>(new DayKey(plan.OfficeId, plan.Procedure, plan.Date).ToString());
}
