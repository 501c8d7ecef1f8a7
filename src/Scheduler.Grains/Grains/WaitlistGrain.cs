using Orleans.Concurrency;
using Scheduler.Contracts;
using Scheduler.Domain;
using Scheduler.Storage;

namespace Scheduler.Grains.Grains;

/// <summary>
/// The front of one procedure's waitlist. It holds no entries (a stateless worker: any silo serves it locally):
/// an entry waits in the partition of the office nearest its applicant's home (<see cref="WaitlistPartitionGrain"/>).
/// When seats appear at an office on a date (a release, more counters, a transfer, or a partition's sweep) it asks
/// every partition of the procedure for its earliest entry wanting that seat and books the one that arrived first,
/// again and again until the day is full. An entry refused because the day filled stays first, so it is served
/// before any later entry the next time a seat appears in its reach.
/// </summary>
[StatelessWorker]
[GrainType("waitlist")]
public sealed class WaitlistGrain(WaitlistStore store) : Grain, IWaitlistGrain
{
    private IReadOnlyList<OfficeSummary> offices = [];

    private string Procedure => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        offices = await GrainFactory.GetGrain<ICatalogGrain>(0).GetOffices();

    async Task<WaitlistView> IWaitlistGrain.Join(WaitlistEntry entry)
    {
        var home = WaitlistReach.HomeOffice(entry, offices)
            ?? throw new InvalidOperationException($"No office offers {entry.Procedure}: there is no waitlist partition to join.");
        var partition = Partition(home.Id);
        var view = await partition.Join(entry);
        if (view.Entry.Status == WaitlistStatus.Waiting)
        {
            await SeatIfFreeAsync(view.Entry, partition);
        }

        return await partition.GetWaiting(entry.Id) ?? await ((IWaitlistGrain)this).Get(entry.Id) ?? view;
    }

    async Task<WaitlistView?> IWaitlistGrain.Get(string id)
    {
        if (await store.FindAsync(id) is not { } stored)
        {
            return null;
        }

        if (stored.Entry.Status == WaitlistStatus.Waiting &&
            await GrainFactory.GetGrain<IWaitlistPartitionGrain>(stored.Partition).GetWaiting(id) is { } waiting)
        {
            return waiting;
        }

        // Finished (possibly just now, after the read above): the row holds the outcome.
        var finished = stored.Entry.Status == WaitlistStatus.Waiting ? (await store.FindAsync(id))!.Entry : stored.Entry;
        return new WaitlistView(finished, null);
    }

    async Task IWaitlistGrain.Leave(string id, string note)
    {
        if (await store.FindAsync(id) is { Entry.Status: WaitlistStatus.Waiting } stored)
        {
            await GrainFactory.GetGrain<IWaitlistPartitionGrain>(stored.Partition).Leave(id, note);
        }
    }

    Task IWaitlistGrain.CapacityAvailable(string officeId, DateOnly date) => PromoteAsync(officeId, date);

    async Task<IReadOnlyDictionary<string, int>> IWaitlistGrain.WaitingByOffice(DateOnly from, DateOnly to)
    {
        var counts = await Task.WhenAll(HomeOffices().Select(async o => (Office: o.Id, Waiting: await Partition(o.Id).WaitingCount(from, to))));
        return counts.Where(c => c.Waiting > 0).ToDictionary(c => c.Office, c => c.Waiting, StringComparer.Ordinal);
    }

    /// <summary>
    /// Books seats at the office that day for waiting entries, earliest arrival first across all partitions, until
    /// the day is full or nobody wants it. An entry whose booking failed (not refused) is passed over this time
    /// only; it keeps its place for the next offer.
    /// </summary>
    private async Task PromoteAsync(string officeId, DateOnly date)
    {
        var skip = new List<string>();
        var partitions = HomeOffices().Select(o => Partition(o.Id)).ToArray();
        while (true)
        {
            var candidates = await Task.WhenAll(partitions.Select(async p => (Partition: p, Candidate: await p.Earliest(officeId, date, skip))));
            if (candidates.Where(c => c.Candidate is not null).OrderBy(c => c.Candidate!.Sequence).FirstOrDefault() is not (var partition, { } first))
            {
                return;
            }

            switch (await partition.Promote(first.Id, officeId, date))
            {
                case WaitlistPromotion.Full:
                    return;
                case WaitlistPromotion.Failed:
                    skip.Add(first.Id);
                    break;
            }
        }
    }

    /// <summary>A new entry: if a seat is free in its reach now, offer it (earliest date, then nearest office) to whoever is first for it.</summary>
    private async Task SeatIfFreeAsync(WaitlistEntry entry, IWaitlistPartitionGrain partition)
    {
        var inReach = offices.Where(o => WaitlistReach.InReach(entry, o)).ToArray();
        var earliest = await Task.WhenAll(inReach.Select(async o =>
            (Office: o, Slots: await GrainFactory.GetGrain<IOfficeGrain>(o.Id).FindFreeSlots(entry.Procedure, entry.From, 1))));
        foreach (var (office, slots) in earliest.Where(e => e.Slots.Count > 0 && e.Slots[0].Date <= entry.To)
            .OrderBy(e => e.Slots[0].Date).ThenBy(e => WaitlistReach.Distance(entry, e.Office)))
        {
            await PromoteAsync(office.Id, slots[0].Date);
            if (await partition.GetWaiting(entry.Id) is null)
            {
                return;
            }
        }
    }

    private IEnumerable<OfficeSummary> HomeOffices() => offices.Where(o => o.Procedures.Contains(Procedure));

    private IWaitlistPartitionGrain Partition(string officeId) => GrainFactory.GetGrain<IWaitlistPartitionGrain>(WaitlistPartition.Key(Procedure, officeId));
}
