using Scheduler.Contracts;

namespace Scheduler.Grains.Hosting;

/// <summary>
/// The refusals a front door's <see cref="BookingDesk"/> gave to requests carrying an Idempotency-Key, so that a retry
/// gets the first answer (slot full stays slot full even if a seat frees meanwhile) and the same key sent with another
/// booking is refused as reused. Memory only, like the applicant grain's record of refusals: bounded in count and
/// kept for <see cref="Retention"/>; a retry after that, or at another front door, is decided afresh, which can never
/// book twice. Bookings need no entry here: the claims table keeps their key.
/// </summary>
public sealed class RefusalMemory(TimeProvider clock)
{
    /// <summary>How long a refusal is remembered: an applicant activation's idle lifetime, as before the desk.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(2);

    /// <summary>At most this many refusals are held (about 10 MB); the oldest go first.</summary>
    public const int Capacity = 100_000;

    private readonly Lock gate = new();
    private readonly Dictionary<(string Document, string Key), Entry> entries = [];
    private readonly Queue<((string Document, string Key) Id, DateTimeOffset At)> order = new();

    /// <summary>The refusal remembered for this document's key, and the booking it refused.</summary>
    public bool TryGet(string documentKey, string idempotencyKey, out string fingerprint, out BookingOutcome outcome)
    {
        lock (gate)
        {
            Expire(clock.GetUtcNow());
            if (entries.TryGetValue((documentKey, idempotencyKey), out var entry))
            {
                (fingerprint, outcome) = (entry.Fingerprint, entry.Outcome);
                return true;
            }
        }

        (fingerprint, outcome) = (string.Empty, null!);
        return false;
    }

    public void Remember(string documentKey, string idempotencyKey, string fingerprint, BookingOutcome outcome)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            Expire(now);
            var id = (documentKey, idempotencyKey);
            if (entries.TryAdd(id, new Entry(fingerprint, outcome)))
            {
                order.Enqueue((id, now));
            }

            while (entries.Count > Capacity && order.TryDequeue(out var oldest))
            {
                entries.Remove(oldest.Id);
            }
        }
    }

    private void Expire(DateTimeOffset now)
    {
        while (order.TryPeek(out var oldest) && oldest.At <= now - Retention)
        {
            order.Dequeue();
            entries.Remove(oldest.Id);
        }
    }

    private sealed record Entry(string Fingerprint, BookingOutcome Outcome);
}
