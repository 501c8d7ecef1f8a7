using Scheduler.Contracts;

namespace Scheduler.Domain;

/// <summary>
/// How a batch gives seats: the open requests in a uniformly random order drawn from a recorded seed, each given the
/// earliest free seat in its reach (its offices or radius, its date window; then the nearer office, then the earlier
/// slot), under the regional reserve's rule. Pure and deterministic: the same seed and inputs give the same order and
/// plan, which is how a batch is replayed from its record.
/// </summary>
public static class Lottery
{
    /// <summary>The requests' ids in the order <paramref name="seed"/> draws (Fisher-Yates over the arrival order, SplitMix64).</summary>
    public static IReadOnlyList<string> Order(long seed, IReadOnlyList<BatchCandidate> requests)
    {
        var order = requests.Select(r => r.RequestId).ToArray();
        var state = unchecked((ulong)seed);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = (int)(Next(ref state) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    /// <summary>The seat each request gets, in draw order (a request that gets nothing is not listed).</summary>
    public static IReadOnlyList<PlannedSeat> Plan(
        IReadOnlyList<string> order, IReadOnlyList<BatchCandidate> requests, IReadOnlyList<OfferedDay> seats, IReadOnlyCollection<OfficeSummary> offices, ReservePolicy? reserve)
    {
        var byId = requests.ToDictionary(r => r.RequestId, StringComparer.Ordinal);
        var located = offices.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var days = seats.Where(d => located.ContainsKey(d.OfficeId))
            .Select(d => new DaySeats(d, located[d.OfficeId], reserve))
            .OrderBy(d => d.Offered.Date).ThenBy(d => d.Offered.OfficeId, StringComparer.Ordinal)
            .ToArray();
        var plan = new List<PlannedSeat>();
        foreach (var id in order)
        {
            var request = byId[id];
            var home = new GeoPoint(request.HomeLatitude, request.HomeLongitude);
            var best = days
                .Where(d => d.Offered.Date >= request.From && d.Offered.Date <= request.To && InReach(request, d.Office, home))
                .Select(d => (Day: d, Slot: d.FirstFor(request.InReserveGroup)))
                .Where(c => c.Slot is not null)
                .OrderBy(c => c.Day.Offered.Date).ThenBy(c => c.Slot!.Value)
                .ThenBy(c => home.DistanceKmTo(new GeoPoint(c.Day.Office.Latitude, c.Day.Office.Longitude)))
                .FirstOrDefault();
            if (best.Day is { } day)
            {
                var reserveSeat = day.Take(best.Slot!.Value, request.InReserveGroup);
                plan.Add(new PlannedSeat(id, day.Offered.OfficeId, day.Offered.Date, best.Slot.Value, reserveSeat));
            }
        }

        return plan;
    }

    /// <summary>Whether the request accepts the office: one of its listed offices, else within its radius of home.</summary>
    public static bool InReach(BatchCandidate request, OfficeSummary office, GeoPoint home) =>
        request.Offices is { Count: > 0 } listed
            ? listed.Contains(office.Id, StringComparer.Ordinal)
            : home.DistanceKmTo(new GeoPoint(office.Latitude, office.Longitude)) <= request.RadiusKm;

    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>One offered day's seats as the plan uses them up, under the reserve rule the day inventory applies.</summary>
    private sealed class DaySeats
    {
        private readonly Dictionary<TimeOnly, int> free;
        private readonly int reserveSeats;
        private readonly bool reserveSet;
        private int reserveHeld;

        public DaySeats(OfferedDay offered, OfficeSummary office, ReservePolicy? reserve)
        {
            Offered = offered;
            Office = office;
            free = offered.Slots.ToDictionary(s => s.Start, s => s.Free);
            reserveSeats = ReserveRule.Seats(offered.Slots.Sum(s => s.Capacity), reserve?.Share ?? 0, offered.OfficeId, offered.Date);
            reserveSet = reserve is { Share: > 0 };
            reserveHeld = offered.ReserveHeld;
        }

        public OfferedDay Offered { get; }

        public OfficeSummary Office { get; }

        public TimeOnly? FirstFor(bool inGroup)
        {
            var heldBackFree = Offered.Slots.Where(s => !FallenBack(s.Start)).Sum(s => free[s.Start]);
            foreach (var slot in Offered.Slots.OrderBy(s => s.Start))
            {
                if (free[slot.Start] > 0 && (FallenBack(slot.Start) || ReserveRule.MayTakeHeldBack(inGroup, reserveSeats, reserveHeld, heldBackFree)))
                {
                    return slot.Start;
                }
            }

            return null;
        }

        public bool Take(TimeOnly start, bool inGroup)
        {
            free[start]--;
            var reserve = ReserveRule.CountsAsReserve(inGroup, reserveSet);
            if (reserve)
            {
                reserveHeld++;
            }

            return reserve;
        }

        private bool FallenBack(TimeOnly start) => ReserveRule.FallenBack(Offered.Date, start, Offered.FallenBackThrough);
    }
}
