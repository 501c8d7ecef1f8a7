using Scheduler.LoadTests.Journeys;
using Scheduler.LoadTests.Reporting;

namespace Scheduler.LoadTests.Fairness;

/// <summary>
/// Counts, as applicants finish, who ends up holding a seat: bots or people, far from the capital or not,
/// served near home before the deadline or filed in time. Counters only (a run may have a million
/// applicants). Thread-safe.
/// </summary>
public sealed class FairnessTally(string deadlineDate)
{
    private readonly Lock _gate = new();
    private int _arrivals;
    private int _botArrivals;
    private int _seats;
    private int _botSeats;
    private int _farArrivals;
    private int _farSeats;
    private int _servedOrFiledInTime;
    private int _people;
    private int _peopleServed;

    /// <summary>A tally of results already at hand.</summary>
    public static FairnessTally Of(IEnumerable<ApplicantResult> results, string deadlineDate)
    {
        var tally = new FairnessTally(deadlineDate);
        foreach (var r in results)
        {
            tally.Add(r);
        }

        return tally;
    }

    /// <summary>Whether <paramref name="result"/> ends holding a seat (booked or assigned, not cancelled).</summary>
    public static bool HoldsSeat(ApplicantResult result, string deadlineDate) =>
        SummaryBuilder.Category(result, deadlineDate) is not (ServiceSummary.NotServed or ServiceSummary.Cancelled);

    public void Add(ApplicantResult result)
    {
        var category = SummaryBuilder.Category(result, deadlineDate);
        var seat = category is not (ServiceSummary.NotServed or ServiceSummary.Cancelled);

        // "Filed in time" is the scheduler's word (the request's or appointment's filedInTime); a seat within
        // 50 km on or before the deadline date serves the person whatever the mode.
        var inTime = category == ServiceSummary.NearBeforeDeadline || result.FiledInTime;
        lock (_gate)
        {
            _arrivals++;
            _seats += seat ? 1 : 0;
            _servedOrFiledInTime += inTime ? 1 : 0;
            if (result.IsBot)
            {
                _botArrivals++;
                _botSeats += seat ? 1 : 0;
            }
            else
            {
                _people++;
                _peopleServed += seat ? 1 : 0;
            }

            if (result.HomeFar)
            {
                _farArrivals++;
                _farSeats += seat ? 1 : 0;
            }
        }
    }

    /// <summary>
    /// The figures so far. <paramref name="dropped"/> arrivals never ran (the tool did not know yet whether they
    /// would be bots): they count as people not served, and as having asked in time without being served.
    /// </summary>
    public FairnessFigures ToFigures(int dropped, string? mode, bool reserves, double farKm)
    {
        lock (_gate)
        {
            var asked = _arrivals + dropped;
            var people = _people + dropped;
            return new FairnessFigures
            {
                Mode = mode,
                Reserves = reserves,
                FarFromCapitalKm = farKm,
                Arrivals = _arrivals,
                BotArrivals = _botArrivals,
                DroppedArrivals = dropped,
                Seats = _seats,
                BotSeats = _botSeats,
                FarArrivals = _farArrivals,
                FarSeats = _farSeats,
                AskedBeforeDeadline = asked,
                ServedOrFiledInTime = _servedOrFiledInTime,
                People = people,
                PeopleServed = _peopleServed,
                BotArrivalShare = Share(_botArrivals, _arrivals),
                BotSeatShare = Share(_botSeats, _seats),
                FarDemandShare = Share(_farArrivals, _arrivals),
                FarSeatShare = Share(_farSeats, _seats),
                FiledInTimeShare = Share(_servedOrFiledInTime, asked),
                PeopleServedShare = Share(_peopleServed, people),
            };
        }
    }

    private static double Share(int part, int whole) => whole > 0 ? (double)part / whole : 0;
}
