using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Scheduler.Api.Models;
using Scheduler.Contracts;

namespace Scheduler.Api.Hosting;

/// <summary>
/// Short-lived copies, in the front door's memory, of what offices answer from their availability boards:
/// free slots, days, and day plans. Concurrent requests for the same thing share one grain call, and an
/// answer is reused for <see cref="ApiOptions.AvailabilityCacheMilliseconds"/>. Searches may so lag a
/// booking by that long; bookings themselves are always decided by the day inventory, never by this cache.
/// An office's availability is also kept as the JSON body it is sent as, rendered once per lifetime.
/// </summary>
public sealed class AvailabilityCache(IGrainFactory grains, TimeProvider clock, IOptions<ApiOptions> options, IOptions<JsonOptions> json)
{
    private const int MaxEntries = 50_000;
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<FreeSlot>> FreeSlotsAsync(string officeId, string procedure, DateOnly from, int limit) =>
        GetAsync($"free|{officeId}|{procedure}|{from.DayNumber}|{limit}", () => grains.GetGrain<IOfficeGrain>(officeId).FindFreeSlots(procedure, from, limit));

    public Task<IReadOnlyList<DayAvailability>> DaysAsync(string officeId, string procedure, DateOnly from, DateOnly to) =>
        GetAsync($"days|{officeId}|{procedure}|{from.DayNumber}|{to.DayNumber}", () => grains.GetGrain<IOfficeGrain>(officeId).GetAvailability(procedure, from, to));

    /// <summary>The JSON body of <c>GET /offices/{officeId}/availability</c> for these days.</summary>
    public Task<byte[]> AvailabilityBodyAsync(string officeId, string procedure, DateOnly from, DateOnly to) =>
        GetAsync($"days-body|{officeId}|{procedure}|{from.DayNumber}|{to.DayNumber}", async () =>
        {
            var days = await DaysAsync(officeId, procedure, from, to);
            var response = new AvailabilityResponse(officeId, procedure, days.Select(d => d.ToResponse()).ToArray());
            return JsonSerializer.SerializeToUtf8Bytes(response, json.Value.SerializerOptions);
        });

    public Task<DayPlan> PlanAsync(string officeId, string procedure, DateOnly date) =>
        GetAsync($"plan|{officeId}|{procedure}|{date.DayNumber}", () => grains.GetGrain<IOfficeGrain>(officeId).GetDayPlan(procedure, date));

    /// <summary>Forgets what is cached for an office (after an operator changed it through this front door).</summary>
    public void Invalidate(string officeId)
    {
        foreach (var key in entries.Keys.Where(k => k.Contains($"|{officeId}|", StringComparison.Ordinal)))
        {
            entries.TryRemove(key, out _);
        }
    }

    private Task<T> GetAsync<T>(string key, Func<Task<T>> fetch)
    {
        var lifetime = TimeSpan.FromMilliseconds(options.Value.AvailabilityCacheMilliseconds);
        if (lifetime <= TimeSpan.Zero)
        {
            return fetch();
        }

        var now = clock.GetUtcNow();
        if (entries.TryGetValue(key, out var cached) && cached.Expires > now && !cached.Value.IsFaulted && !cached.Value.IsCanceled)
        {
            return (Task<T>)cached.Value;
        }

        if (entries.Count > MaxEntries)
        {
            entries.Clear();
        }

        var fresh = fetch();
        entries[key] = new Entry(fresh, now + lifetime);
        return fresh;
    }

    private sealed record Entry(Task Value, DateTimeOffset Expires);
}
