using System.Collections.Concurrent;
using Scheduler.Contracts;
using Scheduler.Grains.Hosting;

namespace Scheduler.Api.Hosting;

/// <summary>
/// Each procedure's allocation settings, kept for one second in the front door's memory so that a booking does not
/// cost a call to the procedure's allocation grain (one grain per procedure would be a hot spot in a surge). A change
/// made through this front door is seen at once; one made through another front door within a second. So after an
/// operator switches a procedure to batch mode, another front door may still take direct bookings for up to a second.
/// </summary>
public sealed class AllocationSettingsCache(IGrainFactory grains, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, (Task<AllocationSettings> Settings, DateTimeOffset Until)> entries = new(StringComparer.Ordinal);

    public Task<AllocationSettings> GetAsync(string procedure)
    {
        var now = clock.GetUtcNow();
        if (entries.TryGetValue(procedure, out var entry) && entry.Until > now && !entry.Settings.IsFaulted)
        {
            return entry.Settings;
        }

        var fetched = grains.Reference<IAllocationGrain>(procedure).GetSettings();
        entries[procedure] = (fetched, now + Lifetime);
        return fetched;
    }

    public void Invalidate(string procedure) => entries.TryRemove(procedure, out _);
}
