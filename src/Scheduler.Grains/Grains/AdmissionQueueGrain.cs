using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Scheduler.Contracts;
using Scheduler.Domain.Admission;
using Scheduler.Grains.Hosting;
using Scheduler.Grains.State;

namespace Scheduler.Grains.Grains;

/// <summary>
/// A procedure's waiting-room coordinator. Each tick it hands every partition the same board: the order key up to
/// which tickets are admitted, computed from every partition's head keys (so arrival order holds across partitions),
/// the admission rate measured, and every partition's ladder (so each answers positions for the whole room). It
/// stores only the operator's settings; the frontier is rebuilt from the partitions' rows after a loss, and a tick
/// that misses a partition's report does not move the frontier (a partition that cannot answer is never overtaken).
/// Reentrant: front doors' reports and reads interleave with a tick's calls.
/// </summary>
[Reentrant]
[GrainType("admission-queue")]
public sealed class AdmissionQueueGrain(
    [PersistentState("admissionQueue", StorageNames.Scheduler)] IPersistentState<AdmissionQueueState> state,
    TimeProvider clock,
    IOptions<AdmissionOptions> options,
    ILogger<AdmissionQueueGrain> logger) : Grain, IAdmissionQueueGrain
{
    // The ETA's rate is what went in over the last ticks in which the budget was the limit (people were still waiting).
    private static readonly TimeSpan MeasureOver = TimeSpan.FromSeconds(10);

    // The booking rate (for the automatic switch) is read over this window.
    private static readonly TimeSpan TrafficWindow = TimeSpan.FromSeconds(5);

    private readonly Queue<(DateTimeOffset At, double Seconds, int Admitted)> measured = new();
    private readonly Queue<(DateTimeOffset At, AdmissionTraffic Traffic)> traffic = new();
    private readonly Queue<(DateTimeOffset At, double Count)> earlyCounts = new();
    private AdmissionPartitionReport?[] reports = [];
    private AdmissionBoard board = AdmissionBoard.Initial;
    private long frontier = -1;
    private double carry;
    private double effective;
    private AdmissionRateController? controller;
    private bool automatic;
    private DateTimeOffset lastWaiting;
    private DateTimeOffset lastTick;
    private bool idle = true;
    private long admitted;
    private IGrainTimer? timer;

    private bool On => state.State.Enabled || automatic;

    private AdmissionRateController Controller => controller ?? throw new InvalidOperationException("The coordinator is not active.");

    private double Configured => state.State.AdmitPerSecond ?? options.Value.AdmitPerSecond;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        reports = new AdmissionPartitionReport?[options.Value.Partitions];
        controller = new AdmissionRateController(options.Value.RateRule(), clock, Configured);
        effective = controller.Rate;
        lastTick = lastWaiting = clock.GetUtcNow();
        board = board with { On = On, OpeningAt = state.State.OpeningAt, EtaPerSecond = effective };
        // A coordinator that comes back (its silo lost) has partitions to resume: tick until they report nobody waits.
        idle = false;
        timer = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(options.Value.Tick, options.Value.Tick) { KeepAlive = true });
        return Task.CompletedTask;
    }

    Task<AdmissionStatus> IAdmissionQueueGrain.Report(AdmissionTraffic reported)
    {
        var now = clock.GetUtcNow();
        traffic.Enqueue((now, reported));
        // A booking refused as overloaded is at least as bad as a slow one (front doors of earlier releases report no Slow).
        Controller.Observe(reported.Bookings, Math.Max(reported.Slow, reported.Overloaded));
        while (traffic.TryPeek(out var old) && now - old.At > TrafficWindow)
        {
            traffic.Dequeue();
        }

        var threshold = options.Value.AutoOnBookingsPerSecond;
        if (!automatic && threshold > 0 && BookingsPerSecond() > threshold)
        {
            automatic = true;
            idle = false;
            logger.LogWarning("Admission for {Procedure} switched on automatically: {Rate:F0} bookings/s", this.GetPrimaryKeyString(), BookingsPerSecond());
        }

        return Task.FromResult(Status());
    }

    Task<AdmissionStatus> IAdmissionQueueGrain.GetStatus() => Task.FromResult(Status());

    Task<AdmissionBoard> IAdmissionQueueGrain.GetBoard() => Task.FromResult(board);

    async Task<AdmissionStatus> IAdmissionQueueGrain.Configure(AdmissionSettings settings)
    {
        var wasOn = On;
        var opening = state.State.OpeningAt;
        state.State.Enabled = settings.Enabled ?? state.State.Enabled;
        state.State.OpeningAt = settings.ClearOpening ? null : settings.OpeningAt ?? state.State.OpeningAt;
        state.State.AdmitPerSecond = settings.AdmitPerSecond ?? state.State.AdmitPerSecond;
        state.State.ChangedBy = settings.Operator;
        state.State.ChangedAt = clock.GetUtcNow();
        if (settings.Enabled == false)
        {
            automatic = false;
        }

        await state.WriteStateAsync();
        if (effective != Configured)
        {
            // What went in at the old rate says nothing about the new one.
            measured.Clear();
        }

        Controller.Configure(Configured);
        effective = Controller.Rate;
        if (On != wasOn || opening != state.State.OpeningAt)
        {
            // New early arrivals draw keys anywhere below the arrival numbers: the frontier starts again from the
            // smallest waiting key, so none of them is let in by a frontier left over from an earlier rush.
            frontier = -1;
        }

        // Every partition learns the switch before the operator hears it took: a join right after it is placed by the new
        // rule (early or not), not by the board of the last tick. The frontier does not move here.
        board = new AdmissionBoard(On, frontier, EtaRate(), state.State.OpeningAt, reports.Select(r => r?.Ladder ?? AdmissionLadder.Empty).ToArray(), clock.GetUtcNow(), board.EarlyExpected);
        var heads = (int)Math.Ceiling(effective * options.Value.Tick.TotalSeconds * 2) + 1;
        var answers = await Task.WhenAll(Enumerable.Range(0, reports.Length).Select(p => PublishAsync(p, heads)));
        reports = answers;
        admitted += answers.Sum(a => a?.Admitted ?? 0);

        idle = false;
        return Status();
    }

    Task IAdmissionQueueGrain.Wake()
    {
        idle = false;
        return Task.CompletedTask;
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var seconds = Math.Min((now - lastTick).TotalSeconds, 5 * options.Value.Tick.TotalSeconds);
        lastTick = now;
        if (idle && !On)
        {
            return;
        }

        effective = Controller.Adjust();
        var opened = state.State.OpeningAt is not { } opening || opening <= now;
        var budget = 0;
        if (On && opened)
        {
            carry += effective * seconds;
            budget = (int)Math.Min(carry, 1_000_000);
        }

        var complete = reports.All(r => r is not null);
        var waitingBefore = reports.Sum(r => r?.Waiting ?? 0);
        if (complete && waitingBefore > 0)
        {
            frontier = AdmissionOrder.Frontier(reports.Select(r => (IReadOnlyList<long>)r!.Heads), budget, frontier);
        }

        board = new AdmissionBoard(On, frontier, EtaRate(), state.State.OpeningAt, reports.Select(r => r?.Ladder ?? AdmissionLadder.Empty).ToArray(), now, EarlyExpected(now));
        var heads = (int)Math.Ceiling(effective * options.Value.Tick.TotalSeconds * 2) + 1;
        var answers = await Task.WhenAll(Enumerable.Range(0, reports.Length).Select(p => PublishAsync(p, heads)));
        reports = answers;
        var admittedNow = answers.Sum(a => a?.Admitted ?? 0);
        var waitingAfter = answers.Sum(a => a?.Waiting ?? 0);
        admitted += admittedNow;
        carry = Math.Max(0, carry - admittedNow);
        if (waitingAfter == 0)
        {
            // Nobody left to let in: the unused budget does not pile up into a burst later.
            carry = 0;
        }
        else
        {
            lastWaiting = now;
            if (On && opened && complete && answers.All(a => a is not null))
            {
                measured.Enqueue((now, seconds, admittedNow));
            }
        }

        while (measured.TryPeek(out var old) && now - old.At > MeasureOver)
        {
            measured.Dequeue();
        }

        if (automatic && waitingAfter == 0 && now - lastWaiting >= options.Value.AutoOffAfter && BookingsPerSecond() <= options.Value.AutoOnBookingsPerSecond)
        {
            automatic = false;
            logger.LogInformation("Automatic admission for {Procedure} switched off: nobody waited for {Period}", this.GetPrimaryKeyString(), options.Value.AutoOffAfter);
        }

        idle = waitingAfter == 0 && answers.All(a => a is not null);
    }

    private async Task<AdmissionPartitionReport?> PublishAsync(int partition, int heads)
    {
        try
        {
            return await GrainFactory.GetGrain<IAdmissionPartitionGrain>(AdmissionTicket.PartitionKey(this.GetPrimaryKeyString(), partition)).Publish(board, heads);
        }
        catch (Exception failure) when (failure is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or System.Data.Common.DbException)
        {
            // Its silo was lost or its rows could not be written: the frontier waits for it (next tick asks again).
            logger.LogWarning(failure, "Admission partition {Partition} of {Procedure} did not answer", partition, this.GetPrimaryKeyString());
            return null;
        }
    }

    /// <summary>
    /// Before the opening: the early arrivals waiting now, plus their arrival rate over the last seconds carried on
    /// towards the opening for as long as it was measured (what an early arrival's ETA counts on; 0 after the opening).
    /// </summary>
    private double EarlyExpected(DateTimeOffset now)
    {
        if (state.State.OpeningAt is not { } opening || opening <= now || reports.Any(r => r is null))
        {
            earlyCounts.Clear();
            return 0;
        }

        var early = reports.Sum(r => AdmissionOrder.Ahead(r!.Ladder, AdmissionOrder.LateBase));
        earlyCounts.Enqueue((now, early));
        while (earlyCounts.TryPeek(out var old) && now - old.At > TrafficWindow)
        {
            earlyCounts.Dequeue();
        }

        var (firstAt, firstCount) = earlyCounts.Peek();
        var seconds = (now - firstAt).TotalSeconds;
        var rate = seconds > 0 ? Math.Max(0, early - firstCount) / seconds : 0;
        // Carried on no longer than it was seen (at most the window): a day before the opening, a burst of early arrivals
        // says nothing about the rest of the day.
        return early + (rate * Math.Min((opening - now).TotalSeconds, seconds));
    }

    /// <summary>The admissions measured per second while people were waiting; the rate in force until there is a measurement.</summary>
    private double EtaRate()
    {
        var seconds = measured.Sum(m => m.Seconds);
        return seconds >= 2 * options.Value.Tick.TotalSeconds ? Math.Max(0.1, measured.Sum(m => m.Admitted) / seconds) : effective;
    }

    private double BookingsPerSecond() => traffic.Sum(t => t.Traffic.Bookings) / TrafficWindow.TotalSeconds;

    private AdmissionStatus Status() => new(
        this.GetPrimaryKeyString(), On, state.State.Enabled, automatic, state.State.OpeningAt, Configured, effective, EtaRate(),
        reports.Sum(r => r?.Waiting ?? 0), admitted);
}
