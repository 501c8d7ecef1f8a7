using System.Collections.Concurrent;

namespace Scheduler.Domain.Admission;

/// <summary>
/// Short-lived copies of answers by key (a front door's waiting-room poll answers), at most about
/// <paramref name="capacity"/> of them. Instants are the caller's timestamps, so the cache itself reads no clock. The
/// number held is kept in a counter of its own: <see cref="ConcurrentDictionary{TKey, TValue}.Count"/> takes every one of
/// the dictionary's locks, and their number grows with the table (up to 1,024), which made every uncached poll cost more
/// the more tickets were being polled.
/// </summary>
public sealed class PollCache<TValue>(int capacity)
{
    private readonly ConcurrentDictionary<string, (TValue Value, long Until)> entries = new(StringComparer.Ordinal);
    private int count;

    /// <summary>How many copies are held (expired ones included until the next <see cref="Sweep"/>).</summary>
    public int Count => Volatile.Read(ref count);

    /// <summary>The copy of <paramref name="key"/>'s answer, if it is still good at <paramref name="now"/>.</summary>
    public bool TryGet(string key, long now, out TValue value)
    {
        if (entries.TryGetValue(key, out var entry) && entry.Until > now)
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>
    /// Keeps <paramref name="value"/> as <paramref name="key"/>'s answer until <paramref name="until"/>. A new key is not
    /// kept once the cache is full (the answer is still given, only not copied); a race with another front-door thread
    /// over the same key keeps one of the two answers, both equally fresh.
    /// </summary>
    public void Set(string key, TValue value, long until)
    {
        if (entries.TryGetValue(key, out var old))
        {
            entries.TryUpdate(key, (value, until), old);
            return;
        }

        if (Volatile.Read(ref count) < capacity && entries.TryAdd(key, (value, until)))
        {
            Interlocked.Increment(ref count);
        }
    }

    /// <summary>Drops the copies past their time at <paramref name="now"/> (the one pass over every copy, made periodically).</summary>
    public void Sweep(long now)
    {
        foreach (var entry in entries)
        {
            if (entry.Value.Until <= now && entries.TryRemove(entry))
            {
                Interlocked.Decrement(ref count);
            }
        }
    }
}
