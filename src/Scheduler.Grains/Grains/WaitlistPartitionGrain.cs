using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scheduler.Contracts;
using Scheduler.Domain;
using Scheduler.Grains.Hosting;
using Scheduler.Storage;

namespace Scheduler.Grains.Grains;

/// <summary>
/// The waiting entries of one procedure whose applicants live nearest one office. Entries are rows of the waitlist
/// table (<see cref="WaitlistStore"/>): a join appends one, a finished entry updates its own and leaves memory, so
/// neither costs more as the waitlist grows, and memory holds only who is still waiting. Seats are offered by the
/// procedure's <see cref="WaitlistGrain"/>, which asks every partition for its earliest candidate so that arrival
/// order holds across partitions. A reminder (not a timer: it brings the partition back on another silo when its
/// silo is lost) expires entries and announces free seats in reach whose notice was lost.
/// </summary>
[CollectionAgeLimit(Hours = 1)]
[GrainType("waitlist-partition")]
public sealed class WaitlistPartitionGrain(
    WaitlistStore store,
    ApplicantKeys applicants,
    TimeProvider clock,
    IOptions<WaitlistOptions> options,
    ILogger<WaitlistPartitionGrain> logger) : Grain, IWaitlistPartitionGrain, IRemindable
{
    public const string SweepReminder = "waitlist-sweep";

    // How many free slots per office a sweep looks at: enough to find a date inside the entries' windows.
    private const int SweepSlotsPerOffice = 64;

    private readonly SortedList<long, WaitlistEntry> waiting = [];
    private readonly Dictionary<string, long> sequences = new(StringComparer.Ordinal);
    private IReadOnlyList<OfficeSummary> offices = [];
    private string procedure = string.Empty;
    private string homeOfficeId = string.Empty;
    private bool reminderRegistered;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (procedure, homeOfficeId) = WaitlistPartition.Parse(this.GetPrimaryKeyString());
        offices = await GrainFactory.GetGrain<ICatalogGrain>(0).GetOffices();
        foreach (var entry in await store.ReadWaitingAsync(this.GetPrimaryKeyString(), cancellationToken))
        {
            Add(entry);
        }

        if (waiting.Count > 0)
        {
            await EnsureReminderAsync();
        }
    }

    async Task<WaitlistView> IWaitlistPartitionGrain.Join(WaitlistEntry entry)
    {
        if (!sequences.ContainsKey(entry.Id))
        {
            var sequence = await store.AddAsync(this.GetPrimaryKeyString(), entry, applicants.Of(entry.Applicant.Identity.DocumentNumber));
            if (sequence < 0)
            {
                // Joined before (a retried call): answer what is stored, which may have finished since.
                return await store.FindAsync(entry.Id) is { } stored && stored.Entry.Status != WaitlistStatus.Waiting
                    ? new WaitlistView(stored.Entry, null)
                    : View(Add(entry with { Sequence = -sequence, Status = WaitlistStatus.Waiting }));
            }

            Add(entry with { Sequence = sequence, Status = WaitlistStatus.Waiting });
            await EnsureReminderAsync();
        }

        return View(waiting[sequences[entry.Id]]);
    }

    Task<WaitlistView?> IWaitlistPartitionGrain.GetWaiting(string id) =>
        Task.FromResult(sequences.TryGetValue(id, out var sequence) ? View(waiting[sequence]) : null);

    Task<WaitlistCandidate?> IWaitlistPartitionGrain.Earliest(string officeId, DateOnly date, IReadOnlyList<string> skip)
    {
        if (Office(officeId) is not { } office)
        {
            return Task.FromResult<WaitlistCandidate?>(null);
        }

        var first = waiting.Values.FirstOrDefault(e => WaitlistReach.Wants(e, office, date) && !skip.Contains(e.Id));
        return Task.FromResult(first is null ? null : new WaitlistCandidate(first.Sequence, first.Id));
    }

    async Task<WaitlistPromotion> IWaitlistPartitionGrain.Promote(string id, string officeId, DateOnly date)
    {
        if (!sequences.TryGetValue(id, out var sequence))
        {
            return WaitlistPromotion.Gone;
        }

        var entry = waiting[sequence];
        var command = new BookingCommand(entry.Applicant, entry.Procedure, officeId, date, null);
        BookingOutcome outcome;
        try
        {
            outcome = await applicants.Grain(GrainFactory, entry.Applicant.Identity.DocumentNumber).BookFromWaitlist(command, entry.Id);
        }
        catch (Exception failure)
        {
            // The entry's arrival number, not its id or applicant: logs carry no personal data or secrets.
            logger.LogWarning(failure, "Booking waitlist entry {Sequence} of {Partition} at {Office} {Date} failed; it keeps its place", sequence, this.GetPrimaryKeyString(), officeId, date);
            return WaitlistPromotion.Failed;
        }

        switch (outcome.Result)
        {
            case BookingResult.Booked:
                var a = outcome.Appointment!;
                await FinishAsync(entry with { Status = WaitlistStatus.Booked, Code = a.Code, OfficeId = a.OfficeId, Date = a.Date, Start = a.Start, Note = "booked automatically" });
                return WaitlistPromotion.Booked;
            case BookingResult.AlreadyBooked:
                await FinishAsync(entry with { Status = WaitlistStatus.Left, Code = outcome.ExistingCode, Note = "booked by hand" });
                return WaitlistPromotion.Left;
            case BookingResult.SlotFull or BookingResult.NotOffered:
                return WaitlistPromotion.Full;
            default:
                logger.LogWarning("Booking waitlist entry {Sequence} of {Partition} at {Office} {Date} answered {Result}; it keeps its place", sequence, this.GetPrimaryKeyString(), officeId, date, outcome.Result);
                return WaitlistPromotion.Failed;
        }
    }

    async Task<bool> IWaitlistPartitionGrain.Leave(string id, string note)
    {
        if (!sequences.TryGetValue(id, out var sequence))
        {
            return false;
        }

        await FinishAsync(waiting[sequence] with { Status = WaitlistStatus.Left, Note = note });
        return true;
    }

    // Activation did the work: it read the waiting entries and registered the reminder if there are any.
    Task IWaitlistPartitionGrain.Wake() => Task.CompletedTask;

    Task<int> IWaitlistPartitionGrain.WaitingCount(DateOnly from, DateOnly to) =>
        Task.FromResult(waiting.Values.Count(e => e.From <= to && from <= e.To));

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        reminderRegistered = true;
        await SweepAsync();
    }

    /// <summary>Expires entries whose window has passed; announces free seats that waiting entries want (their notice may have been lost).</summary>
    private async Task SweepAsync()
    {
        // The entries' dates are local to where they wait: the time zone of the partition's office.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Office(homeOfficeId)?.TimeZone ?? "UTC");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        foreach (var entry in waiting.Values.Where(e => e.To < today).ToArray())
        {
            await FinishAsync(entry with { Status = WaitlistStatus.Expired, Note = "the date window passed without a seat" });
        }

        if (waiting.Count == 0)
        {
            if (await this.GetReminder(SweepReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            reminderRegistered = false;
            return;
        }

        var from = waiting.Values.Min(e => e.From) is var earliest && earliest > today ? earliest : today;
        var to = waiting.Values.Max(e => e.To);
        var reachable = offices.Where(o => waiting.Values.Any(e => WaitlistReach.InReach(e, o))).ToArray();
        var free = await Task.WhenAll(reachable.Select(async o =>
            (Office: o, Slots: await GrainFactory.GetGrain<IOfficeGrain>(o.Id).FindFreeSlots(procedure, from, SweepSlotsPerOffice))));
        var waitlist = GrainFactory.GetGrain<IWaitlistGrain>(procedure);
        foreach (var (office, slots) in free)
        {
            foreach (var date in slots.Select(s => s.Date).Where(d => d <= to).Distinct())
            {
                if (waiting.Values.Any(e => WaitlistReach.Wants(e, office, date)))
                {
                    // One-way: the waitlist will ask this partition for its candidates and book them, after this turn.
                    await waitlist.CapacityAvailable(office.Id, date);
                }
            }
        }
    }

    private async Task FinishAsync(WaitlistEntry finished)
    {
        await store.FinishAsync(finished);
        waiting.Remove(finished.Sequence);
        sequences.Remove(finished.Id);
    }

    private async Task EnsureReminderAsync()
    {
        if (!reminderRegistered)
        {
            await this.RegisterOrUpdateReminder(SweepReminder, options.Value.SweepEvery, options.Value.SweepEvery);
            reminderRegistered = true;
        }
    }

    private WaitlistEntry Add(WaitlistEntry entry)
    {
        waiting[entry.Sequence] = entry;
        sequences[entry.Id] = entry.Sequence;
        return entry;
    }

    private WaitlistView View(WaitlistEntry entry) => new(entry, waiting.IndexOfKey(entry.Sequence) + 1);

    private OfficeSummary? Office(string officeId) => offices.FirstOrDefault(o => o.Id == officeId);
}
