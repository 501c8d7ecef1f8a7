using Scheduler.Contracts;
using Scheduler.Domain;

using Scheduler.Grains.Hosting;

namespace Scheduler.Grains.Capacity;

/// <summary>
/// Moves appointments that an operator's change displaced: to the nearest office (within a radius) with a
/// free seat on the same day, else on the following days, preferring the slot closest to the original time.
/// Moves go through the owner's applicant grain (same code, new seat taken before the old one is released,
/// history records who and why). Free seats are read from the day inventories and tracked locally so that
/// concurrent moves of one change do not chase the same seat; a seat taken meanwhile just means the next one.
/// </summary>
public sealed class Relocator(IGrainFactory grains, ApplicantKeys applicants, IReadOnlyList<OfficeSummary> offices, TimeProvider clock)
{
    /// <summary>Appointments moved at once.</summary>
    public const int Wave = 16;

    private readonly Dictionary<DayKey, List<SlotAvailability>> free = [];

    /// <summary>
    /// Moves every displaced appointment, earliest first, <see cref="Wave"/> at a time (their grain calls run on the
    /// caller's scheduler, so this bookkeeping needs no lock, and a large closure stays well inside the call
    /// timeout). <paramref name="afterWave"/> hears each wave's moves and failures before the next wave starts.
    /// </summary>
    public async Task<(IReadOnlyList<Relocation> Relocated, IReadOnlyList<Appointment> Unplaced)> MoveAllAsync(
        IReadOnlyList<Appointment> displaced, CapacityChange change, Func<IReadOnlyList<Relocation>, IReadOnlyList<Appointment>, Task> afterWave)
    {
        var relocated = new List<Relocation>();
        var unplaced = new List<Appointment>();
        foreach (var wave in displaced.OrderBy(a => a.Date).ThenBy(a => a.Start).ThenBy(a => a.Code, StringComparer.Ordinal).Chunk(Wave))
        {
            var moves = await Task.WhenAll(wave.Select(async a => (From: a, To: await MoveAsync(a, change))));
            var moved = moves.Where(m => m.To is not null).Select(m => new Relocation(m.From, m.To!)).ToArray();
            var stuck = moves.Where(m => m.To is null).Select(m => m.From).ToArray();
            relocated.AddRange(moved);
            unplaced.AddRange(stuck);
            await afterWave(moved, stuck);
        }

        return (relocated, unplaced);
    }

    public async Task<Appointment?> MoveAsync(Appointment appointment, CapacityChange change)
    {
        if (offices.FirstOrDefault(o => o.Id == appointment.OfficeId) is not { } origin)
        {
            return null;
        }

        var here = new GeoPoint(origin.Latitude, origin.Longitude);
        var candidates = offices
            .Where(o => o.Procedures.Contains(appointment.Procedure))
            .Select(o => (Office: o, Distance: here.DistanceKmTo(new GeoPoint(o.Latitude, o.Longitude))))
            .Where(c => c.Distance <= change.RadiusKm)
            .OrderBy(c => c.Distance)
            .ToArray();
        var applicant = applicants.Grain(grains, appointment.Applicant.Identity.DocumentNumber);
        var reason = change.Reason ?? "capacity change";

        for (var offset = 0; offset <= change.SearchDays; offset++)
        {
            var date = appointment.Date.AddDays(offset);
            foreach (var (office, _) in candidates)
            {
                var day = new DayKey(office.Id, appointment.Procedure, date);
                var slots = await FreeSlotsAsync(day, office.TimeZone);
                foreach (var slot in slots.Where(s => s.Free > 0).OrderBy(s => Math.Abs((s.Start - appointment.Start).TotalMinutes)).ToArray())
                {
                    var outcome = await applicant.Relocate(appointment.Code, day, slot.Start, change.By, reason);
                    var index = slots.FindIndex(s => s.Start == slot.Start);
                    if (outcome.Result == BookingResult.Booked)
                    {
                        slots[index] = slots[index] with { Free = Math.Max(0, slots[index].Free - 1) };
                        return outcome.Appointment;
                    }

                    if (outcome.Result == BookingResult.NotFound)
                    {
                        return null;
                    }

                    slots[index] = slots[index] with { Free = 0 };
                }
            }
        }

        return null;
    }

    private async Task<List<SlotAvailability>> FreeSlotsAsync(DayKey day, string timeZone)
    {
        if (free.TryGetValue(day, out var cached))
        {
            return cached;
        }

        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DateTime;
        var today = DateOnly.FromDateTime(local);
        var now = TimeOnly.FromDateTime(local);
        var availability = day.Date < today
            ? null
            : await grains.GetGrain<IDayInventoryGrain>(day.ToString()).GetAvailability();
        var slots = availability?.Slots.Where(s => day.Date > today || s.Start > now).ToList() ?? [];
        free[day] = slots;
        return slots;
    }
}
