using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Scheduler.Api.Models;
using Scheduler.Api.Validation;
using Scheduler.Contracts;
using Scheduler.Grains.Hosting;

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

    // The earliest-slot search asks this for every office in reach on every call: keyed without building a string.
    private readonly ConcurrentDictionary<(string OfficeId, string Procedure, int Day), Entry> earliest = new();

    public Task<IReadOnlyList<FreeSlot>> FreeSlotsAsync(string officeId, string procedure, DateOnly from, int limit) =>
        GetAsync($"free|{officeId}|{procedure}|{from.DayNumber}|{limit}", () => grains.Reference<IOfficeGrain>(officeId).FindFreeSlots(procedure, from, limit));

    public Task<IReadOnlyList<DayAvailability>> DaysAsync(string officeId, string procedure, DateOnly from, DateOnly to) =>
        GetAsync($"days|{officeId}|{procedure}|{from.DayNumber}|{to.DayNumber}", () => grains.Reference<IOfficeGrain>(officeId).GetAvailability(procedure, from, to));

    /// <summary>An office's earliest free slot from <paramref name="from"/> on, formatted; null when it has none.</summary>
    public Task<EarliestFreeSlot?> EarliestAsync(string officeId, string procedure, DateOnly from)
    {
        var key = (officeId, procedure, from.DayNumber);
        return TryFresh(earliest, key, out Task<EarliestFreeSlot?>? cached)
            ? cached
            : GetAsync(earliest, key, async () =>
            {
                // Straight from the office, not through FreeSlotsAsync's entry, so this is never older than one lifetime.
                var slots = await grains.Reference<IOfficeGrain>(officeId).FindFreeSlots(procedure, from, 1);
                return slots.Count == 0
                    ? null
                    : new EarliestFreeSlot(RequestReader.Format(slots[0].Date), RequestReader.Format(slots[0].Start), RequestReader.Format(slots[0].End), slots[0].Free);
            });
    }

    /// <summary>The JSON body of <c>GET /offices/{officeId}/availability</c> for these days.</summary>
    public Task<byte[]> AvailabilityBodyAsync(string officeId, string procedure, DateOnly from, DateOnly to) =>
        GetAsync($"days-body|{officeId}|{procedure}|{from.DayNumber}|{to.DayNumber}", async () =>
        {
            var days = await DaysAsync(officeId, procedure, from, to);
            var response = new AvailabilityResponse(officeId, procedure, days.Select(d => d.ToResponse()).ToArray());
            return JsonSerializer.SerializeToUtf8Bytes(response, json.Value.SerializerOptions);
        });

    public Task<DayPlan> PlanAsync(string officeId, string procedure, DateOnly date) =>
        GetAsync($"plan|{officeId}|{procedure}|{date.DayNumber}", () => grains.Reference<IOfficeGrain>(officeId).GetDayPlan(procedure, date));

    /// <summary>Forgets what is cached for an office (after an operator changed it through this front door).</summary>
    public void Invalidate(string officeId)
    {
        foreach (var key in entries.Keys.Where(k => k.Contains($"|{officeId}|", StringComparison.Ordinal)))
        {
            entries.TryRemove(key, out _);
        }

        foreach (var key in earliest.Keys.Where(k => k.OfficeId == officeId))
        {
            earliest.TryRemove(key, out _);
        }
    }

    private Task<T> GetAsync<T>(string key, Func<Task<T>> fetch) => GetAsync(entries, key, fetch);

    private Task<T> GetAsync<TKey, T>(ConcurrentDictionary<TKey, Entry> store, TKey key, Func<Task<T>> fetch)
        where TKey : notnull
    {
        var lifetime = TimeSpan.FromMilliseconds(options.Value.AvailabilityCacheMilliseconds);
        if (lifetime <= TimeSpan.Zero)
        {
            return fetch();
        }

        if (TryFresh(store, key, out Task<T>? cached))
        {
            return cached;
        }

        if (store.Count > MaxEntries)
        {
            store.Clear();
        }

        var fresh = fetch();
        store[key] = new Entry(fresh, clock.GetUtcNow() + lifetime);
        return fresh;
    }

    private bool TryFresh<TKey, T>(ConcurrentDictionary<TKey, Entry> store, TKey key, [NotNullWhen(true)] out Task<T>? cached)
        where TKey : notnull
    {
        if (options.Value.AvailabilityCacheMilliseconds > 0 && store.TryGetValue(key, out var entry) &&
            entry.Expires > clock.GetUtcNow() && !entry.Value.IsFaulted && !entry.Value.IsCanceled)
        {
            cached = (Task<T>)entry.Value;
            return true;
        }

        cached = null;
        return false;
    }

    private sealed record Entry(Task Value, DateTimeOffset Expires);
}
