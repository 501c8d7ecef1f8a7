using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Scheduler.Contracts;
using Scheduler.Domain.Admission;
using Scheduler.Grains.Hosting;
using Scheduler.Grains.Telemetry;
using Scheduler.Storage;

namespace Scheduler.Grains.Grains;

/// <summary>
/// One slice of a procedure's waiting room. Tickets are rows (<see cref="AdmissionStore"/>), written through the silo's
/// shared commit pipeline; memory holds the tickets of the last <see cref="AdmissionOptions.TicketLifetime"/> (what an
/// activation reads; an admitted one also until its token expires) and the waiting ones in admission order
/// (<see cref="WaitingLine{T}"/>), so a poll is a lookup and a rank, and a join or an admission costs O(log n). Reentrant: a join or a spend waits for its row's commit without holding up polls or other joins
/// (a ticket is marked in memory before the await, so a second call for it sees the first).
/// </summary>
[Reentrant]
[GrainType("admission-partition")]
public sealed class AdmissionPartitionGrain(
    AdmissionStore store,
    TimeProvider clock,
    IOptions<AdmissionOptions> options,
    SchedulerMetrics metrics) : Grain, IAdmissionPartitionGrain
{
    private readonly Dictionary<string, Ticket> tickets = new(StringComparer.Ordinal);
    private readonly WaitingLine<Ticket> waiting = new();

    // Stored tickets in the order they were stored (arrival order, near enough): those past their lifetime leave from the front.
    private readonly Queue<Ticket> byArrival = new();

    // Admitted tickets past their lifetime whose tokens are still good: kept until then, so the token can still be spent.
    private readonly Queue<Ticket> admittedPastLifetime = new();
    private AdmissionBoard board = AdmissionBoard.Initial;
    private int partition;
    private bool publishing;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        partition = int.Parse(key[(key.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        foreach (var row in await store.ReadAsync(key, clock.GetUtcNow() - options.Value.TicketLifetime, cancellationToken))
        {
            var ticket = new Ticket(row.Ticket, row.EarlyKey ?? AdmissionOrder.Late(row.Sequence), DateTimeOffset.FromUnixTimeMilliseconds(row.ArrivedAt), row.EarlyKey is not null)
            {
                AdmittedAt = row.AdmittedAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null,
                Spent = row.Spent,
                SpentKey = row.SpentKey,
            };
            tickets[ticket.Id] = ticket;
            byArrival.Enqueue(ticket);
            if (ticket.AdmittedAt is null)
            {
                waiting.Add(ticket.Key, ticket);
            }
        }

        // Positions and the early/late rule need the coordinator's view (it answers this read even mid-tick).
        board = await GrainFactory.GetGrain<IAdmissionQueueGrain>(Procedure).GetBoard();
    }

    private string Procedure => this.GetPrimaryKeyString()[..this.GetPrimaryKeyString().LastIndexOf('/')];

    async Task<AdmissionPlace?> IAdmissionPartitionGrain.Join(string id, DateTimeOffset arrivedAt)
    {
        if (tickets.ContainsKey(id))
        {
            return null;
        }

        Forget(clock.GetUtcNow());

        // Before the announced opening, a random place among the early arrivals; after it, the arrival number.
        var early = board.On && board.OpeningAt is { } opening && arrivedAt < opening;
        var pending = new Ticket(id, early ? AdmissionOrder.Early() : long.MaxValue, arrivedAt, early) { Pending = true };
        tickets[id] = pending;
        long sequence;
        try
        {
            sequence = await store.JoinAsync(this.GetPrimaryKeyString(), id, early ? pending.Key : null, arrivedAt);
        }
        catch
        {
            tickets.Remove(id);
            throw;
        }

        if (sequence < 0)
        {
            // Stored before (by an earlier life of this partition, longer ago than it remembers): one ticket per row.
            tickets.Remove(id);
            return null;
        }

        var ticket = new Ticket(id, early ? pending.Key : AdmissionOrder.Late(sequence), arrivedAt, early);
        tickets[id] = ticket;
        byArrival.Enqueue(ticket);
        var wasEmpty = waiting.Count == 0;
        waiting.Add(ticket.Key, ticket);
        metrics.Admission("joined");
        if (wasEmpty)
        {
            // The coordinator rests while nobody waits anywhere.
            await GrainFactory.GetGrain<IAdmissionQueueGrain>(Procedure).Wake();
        }

        return Place(ticket);
    }

    Task<AdmissionPlace?> IAdmissionPartitionGrain.Find(string id) =>
        Task.FromResult(tickets.TryGetValue(id, out var ticket) && !ticket.Pending ? Place(ticket) : null);

    async Task<AdmissionPartitionReport> IAdmissionPartitionGrain.Publish(AdmissionBoard published, int heads)
    {
        board = published;
        var admitted = 0;
        if (!publishing)
        {
            publishing = true;
            try
            {
                // Off: everyone waiting goes in. On: everyone up to the frontier (which the coordinator set from every
                // partition's head, so no partition runs ahead of another's earlier tickets).
                var due = waiting.InOrder().Select(t => t.Value).TakeWhile(t => !published.On || t.Key <= published.Frontier).ToArray();
                if (due.Length > 0)
                {
                    // The coordinator's instant: every partition stamps one tick's admissions alike.
                    var now = published.IssuedAt;
                    // Stored before anyone is told: a partition lost now comes back with these still waiting, in order.
                    await Task.WhenAll(due.Select(t => store.AdmitAsync(t.Id, now)));
                    foreach (var ticket in due)
                    {
                        ticket.AdmittedAt = now;
                        waiting.Remove(ticket.Key);
                    }

                    admitted = due.Length;
                    metrics.Admission("admitted", admitted);
                }
            }
            finally
            {
                publishing = false;
            }
        }

        Forget(clock.GetUtcNow());
        var head = waiting.InOrder().Take(heads).Select(t => t.Key).ToArray();
        return new AdmissionPartitionReport(waiting.Count, head, AdmissionOrder.Ladder(waiting.Count, waiting.KeyAt), admitted);
    }

    async Task<TokenUse> IAdmissionPartitionGrain.Spend(string id, string? idempotencyKey)
    {
        if (!tickets.TryGetValue(id, out var ticket) || ticket.AdmittedAt is null)
        {
            return TokenUse.Unknown;
        }

        if (ticket.Spent)
        {
            // A retry of the same request (same key) goes ahead; anything else is a second use.
            return idempotencyKey is not null && ticket.SpentKey == idempotencyKey ? TokenUse.Granted : TokenUse.Reused;
        }

        ticket.Spent = true;
        ticket.SpentKey = idempotencyKey;
        try
        {
            await store.SpendAsync(id, idempotencyKey);
        }
        catch
        {
            ticket.Spent = false;
            ticket.SpentKey = null;
            throw;
        }

        metrics.Admission("spent");
        return TokenUse.Granted;
    }

    async Task IAdmissionPartitionGrain.Return(string id, string? idempotencyKey)
    {
        if (tickets.TryGetValue(id, out var ticket) && ticket.Spent && ticket.SpentKey == idempotencyKey)
        {
            ticket.Spent = false;
            ticket.SpentKey = null;
            await store.ReturnAsync(id);
        }
    }

    /// <summary>
    /// Lets go of the tickets past <see cref="AdmissionOptions.TicketLifetime"/> (those an activation would not read), an
    /// admitted one only once its token has expired too; each ticket is looked at once on its way out, so the cost is what
    /// expired since the last call, and memory holds one lifetime's tickets however long a programme runs.
    /// </summary>
    private void Forget(DateTimeOffset now)
    {
        var arrivedBefore = now - options.Value.TicketLifetime;
        while (byArrival.TryPeek(out var oldest) && oldest.ArrivedAt < arrivedBefore)
        {
            byArrival.Dequeue();
            if (oldest.AdmittedAt is { } at && at + options.Value.TokenLifetime > now)
            {
                admittedPastLifetime.Enqueue(oldest);
            }
            else
            {
                Drop(oldest);
            }
        }

        while (admittedPastLifetime.TryPeek(out var admitted) && admitted.AdmittedAt + options.Value.TokenLifetime <= now)
        {
            Drop(admittedPastLifetime.Dequeue());
        }
    }

    private void Drop(Ticket ticket)
    {
        tickets.Remove(ticket.Id);
        if (ticket.AdmittedAt is null)
        {
            // Still waiting after a whole lifetime: an activation would not read it either.
            waiting.Remove(ticket.Key);
        }
    }

    private AdmissionPlace Place(Ticket ticket)
    {
        if (ticket.AdmittedAt is { } admitted)
        {
            return new AdmissionPlace(ticket.Id, 0, 0, ticket.ArrivedAt, admitted, ticket.Early);
        }

        // Ahead of it: its own partition's earlier tickets (exact), and the others' from their ladders (within ~3 %).
        double ahead = waiting.Rank(ticket.Key);
        for (var p = 0; p < board.Ladders.Count; p++)
        {
            if (p != partition)
            {
                ahead += AdmissionOrder.Ahead(board.Ladders[p], ticket.Key);
            }
        }

        var now = clock.GetUtcNow();
        if (ticket.Early && board.OpeningAt is { } opens && opens > now)
        {
            // Early arrivals still coming will draw places, some ahead of this one: its key is a uniform draw, so about
            // that share of everyone expected by the opening goes first.
            ahead = Math.Max(ahead, (double)ticket.Key / AdmissionOrder.LateBase * board.EarlyExpected);
        }

        var position = (int)Math.Round(ahead) + 1;
        var untilOpening = board.On && board.OpeningAt is { } opening && opening > now ? (opening - now).TotalSeconds : 0;
        var rate = board.EtaPerSecond > 0 ? board.EtaPerSecond : options.Value.AdmitPerSecond;
        return new AdmissionPlace(ticket.Id, position, untilOpening + (position / rate), ticket.ArrivedAt, null, ticket.Early);
    }

    private sealed class Ticket(string id, long key, DateTimeOffset arrivedAt, bool early)
    {
        public string Id { get; } = id;

        public long Key { get; } = key;

        public DateTimeOffset ArrivedAt { get; } = arrivedAt;

        public bool Early { get; } = early;

        public bool Pending { get; init; }

        public DateTimeOffset? AdmittedAt { get; set; }

        public bool Spent { get; set; }

        public string? SpentKey { get; set; }
    }
}
