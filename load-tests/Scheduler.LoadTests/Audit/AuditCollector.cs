using System.Collections.Concurrent;
using Scheduler.LoadTests.Contract;
using Scheduler.LoadTests.Http;

namespace Scheduler.LoadTests.Audit;

/// <summary>Fetches what the audit needs from the target once the load has stopped.</summary>
public sealed class AuditCollector(SchedulerApiClient client, RetryPolicy retry, Uri baseUri, string? operatorToken, string procedure)
{
    private const int Parallelism = 16;

    /// <summary>
    /// Each booking is read back as its holder would read it, from an address of its own (one of 198.18.0.0/15, by
    /// code), not all from the tool's one address: thousands of reads from one client meet the scheduler's
    /// per-address limit, and a read refused with 429 six times over would fail the audit for the wrong reason.
    /// </summary>
    public static string HolderAddress(LedgerEntry entry)
    {
        var hash = (uint)StringComparer.Ordinal.GetHashCode(entry.Code) & 0x1FFFF;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"198.{18 + (hash >> 16)}.{(hash >> 8) & 255}.{hash & 255}");
    }

    public async Task<AuditInputs> CollectAsync(BookingLedger ledger, CancellationToken ct)
    {
        var entries = ledger.Entries;
        var random = new Random(7);
        var appointments = new ConcurrentDictionary<string, FetchedAppointment>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (entry, token) =>
        {
            var read = SchedulerApiClient.Read(baseUri, entry.Code, entry.DocumentNumber);
            var holder = HolderAddress(entry);
            var response = await client.SendWithRetriesAsync(
                RequestKind.Read,
                () =>
                {
                    var request = read();
                    request.Headers.TryAddWithoutValidation("X-Forwarded-For", holder);
                    return request;
                },
                client.Clock.Now,
                retry,
                client.Clock.Now + 60,
                Rand(random),
                token);
            appointments[entry.Code] = new FetchedAppointment(response.Status, response.Status == 200 ? response.Appointment() : null);
        });

        var days = entries
            .SelectMany(e => e.PreviousSeat is { } p ? new[] { (e.OfficeId, e.Date), (p.OfficeId, p.Date) } : [(e.OfficeId, e.Date)])
            .Distinct()
            .OrderBy(d => d.OfficeId, StringComparer.Ordinal).ThenBy(d => d.Date, StringComparer.Ordinal)
            .ToList();

        var capacities = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(days, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (day, token) =>
        {
            var response = await client.SendWithRetriesAsync(
                RequestKind.Availability, SchedulerApiClient.Availability(baseUri, day.OfficeId, procedure, day.Date, day.Date), client.Clock.Now, retry, client.Clock.Now + 60, Rand(random), token);
            foreach (var d in response.Read(ApiJson.Default.AvailabilityView)?.Days ?? [])
            {
                foreach (var slot in d.Slots ?? [])
                {
                    capacities[AuditInputs.SlotKey(day.OfficeId, d.Date, procedure, slot.Start)] = slot.Capacity;
                }
            }
        });

        if (operatorToken is null)
        {
            return new AuditInputs
            {
                Ledger = entries,
                Appointments = appointments,
                AvailabilityCapacities = capacities,
                RosterSkipReason = "no operator token (give --token when targeting a running URL)",
            };
        }

        var rosters = new ConcurrentBag<FetchedRoster>();
        await Parallel.ForEachAsync(days, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (day, token) =>
        {
            var response = await client.SendWithRetriesAsync(
                RequestKind.Read, SchedulerApiClient.Roster(baseUri, day.OfficeId, day.Date, operatorToken), client.Clock.Now, retry, client.Clock.Now + 60, Rand(random), token);
            rosters.Add(new FetchedRoster(day.OfficeId, day.Date, response.Status, response.Status == 200 ? response.Read(ApiJson.Default.RosterView) : null));
        });

        var rosterList = rosters.ToList();
        var rejected = rosterList.Count > 0 && rosterList.All(r => r.Status is 401 or 403);
        return new AuditInputs
        {
            Ledger = entries,
            Appointments = appointments,
            AvailabilityCapacities = capacities,
            Rosters = rejected ? [] : rosterList,
            RosterSkipReason = rejected ? $"the operator token was refused ({rosterList[0].Status})" : null,
        };
    }

    private static Random Rand(Random shared)
    {
        lock (shared)
        {
            return new Random(shared.Next());
        }
    }
}
