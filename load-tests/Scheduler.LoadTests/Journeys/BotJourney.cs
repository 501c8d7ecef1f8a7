using System.Globalization;
using Scheduler.LoadTests.Applicants;
using Scheduler.LoadTests.Contract;
using Scheduler.LoadTests.Http;
using Scheduler.LoadTests.Running;

namespace Scheduler.LoadTests.Journeys;

/// <summary>
/// One identity of a slot-grabbing script (<c>--bots</c>). In <c>first-come</c> mode it asks "earliest near me"
/// (home point, <c>wideSearchRadiusKm</c>) again and again, as fast as its operator's address is allowed (a 429's or 503's
/// <c>Retry-After</c> holds the whole pool back; nothing else slows it), books the earliest offer the instant one
/// shows (within <c>maxTravelKm</c> if one is, and no later than <c>latestDaysAhead</c>), goes straight back to polling on slot-full, and never gives up until the run ends. In <c>batch</c> mode it
/// files a request and reads it as fast as allowed (<see cref="RequestJourney"/>): there is no race to win.
/// </summary>
public sealed class BotJourney(JourneyContext context, VirtualApplicant applicant, Uri baseUri, double arrivedAt)
{
    // A script that is never told to wait would spin on one core; no client sends more often than this.
    private const double FloorSeconds = 0.1;

    private readonly BotPace _pace = context.Operators.For(applicant.BotOperator ?? throw new ArgumentException("not a bot's identity", nameof(applicant)));
    private readonly string _forwardedFor = ClientAddress.Of(applicant);
    private Random? _random;
    private readonly double _arrivedAt = arrivedAt;
    private double _nextIntendedStart = arrivedAt;
    private double _lastSentAt = double.NegativeInfinity;
    private int _searches;
    private int _attempts;

    private Random Rng => _random ??= new Random(applicant.Seed);

    private double Now => context.Client.Clock.Now;

    /// <summary>
    /// Holds <paramref name="pace"/>'s pool back after a 429 or 503: for its <c>Retry-After</c>, or without one for
    /// the client policy's first backoff.
    /// </summary>
    public static void Obey(ApiResponse response, BotPace pace, JourneyContext context, Random random)
    {
        if (response.Outcome is CallOutcome.RateLimited or CallOutcome.Unavailable)
        {
            var wait = response.RetryAfter ?? context.Retry.DelayAfter(1, null, random);
            pace.PauseUntil(context.Client.Clock.Now + wait.TotalSeconds);
        }
    }

    public async Task<ApplicantResult> RunAsync(CancellationToken ct)
    {
        if (context.IsBatch)
        {
            return await new RequestJourney(context, applicant, baseUri, _arrivedAt, _pace).RunAsync(ct);
        }

        var result = new ApplicantResult
        {
            ApplicantId = applicant.Id,
            HomeOfficeId = applicant.HomeOffice.Id,
            HomeDepartment = applicant.HomeOffice.Department,
            Outcome = JourneyOutcome.GaveUp,
            ArrivedAtSeconds = _arrivedAt,
            FinishedAtSeconds = _arrivedAt,
            IsBot = true,
            HomeFar = applicant.HomeFar,
        };
        var behaviour = context.Scenario.Applicants;
        var from = Iso(context.Today.AddDays(behaviour.SearchFromDaysAhead));
        var search = SchedulerApiClient.Earliest(baseUri, context.Scenario.Procedure, applicant.Home.ToQuery(), behaviour.WideSearchRadiusKm, from, behaviour.EarliestLimit);
        var sequence = 0;
        while (true)
        {
            await WaitTurnAsync(ct);
            if (Now >= context.BotsStopAt)
            {
                break;
            }

            _searches++;
            var offers = await SendAsync(RequestKind.Search, search, ct);
            if (IsRejection(offers))
            {
                return Done(result, JourneyOutcome.Rejected);
            }

            var localNow = LimaCalendar.NowText(context.Client.Clock.Time);
            // Only what its customer would travel to (capitalTripKm): a seat nobody will come to is not worth grabbing.
            var acceptable = offers.IsSuccess ? offers.Read(ApiJson.Default.ListEarliestSlot)?.Where(o => context.Accepts(o.OfficeId, o.DistanceKm)).ToList() : null;
            if (First(acceptable, context.Today, behaviour.LatestDaysAhead, behaviour.MaxTravelKm, localNow) is not { } seat)
            {
                continue;
            }

            // The instant a seat shows: no reading of the day, no thinking.
            _attempts++;
            var body = new BookingRequest(
                context.Scenario.Procedure,
                seat.OfficeId,
                seat.Date,
                seat.Start,
                new ApplicantDetails(applicant.DocumentType, applicant.DocumentNumber, applicant.Country, applicant.FullName, applicant.Email, applicant.Phone));
            await WaitTurnAsync(ct);
            var booking = await SendAsync(RequestKind.Book, SchedulerApiClient.Book(baseUri, body, $"lt-{context.RunId}-{applicant.Id}-{++sequence}"), ct);
            switch (booking.Outcome)
            {
                case CallOutcome.Ok:
                    var entry = SeatRecord.From(applicant, booking.Appointment(), context.Scenario.Procedure, seat.OfficeId, seat.Date, seat.Start, Now, "booked");
                    context.Ledger.Add(entry);
                    return Done(result, JourneyOutcome.Booked) with
                    {
                        OfficeId = entry.OfficeId,
                        Date = entry.Date,
                        DistanceKm = context.OfficeLocations.TryGetValue(entry.OfficeId, out var at) ? applicant.Home.DistanceKm(at) : seat.DistanceKm,
                    };
                case CallOutcome.AlreadyBooked:
                    return Done(result, JourneyOutcome.AlreadyBooked);
                case CallOutcome.SlotFull:
                    context.Sellouts.Record(seat.OfficeId, seat.Date, Now);
                    break;
                default:
                    // A script does not read answers: whatever else came back (a slot that began meanwhile, a busy
                    // server), it polls again.
                    break;
            }
        }

        return Done(result, JourneyOutcome.GaveUp);
    }

    /// <summary>
    /// The offer a script takes: the earliest free seat shown on a day its customer accepts (then the nearest), within
    /// <paramref name="maxTravelKm"/> of home when there is one there, else anywhere: what a person accepts, taken
    /// without weighing days against km; a slot that has begun today (office-local <paramref name="localNow"/>) is passed over.
    /// </summary>
    public static EarliestSlot? First(IReadOnlyList<EarliestSlot>? offers, DateOnly today, int? latestDaysAhead, double maxTravelKm, (string Date, string Time) localNow)
    {
        // A slot that has begun (office-local now) cannot be booked any more.
        var usable = (offers ?? [])
            .Where(o => o.Free > 0 && SlotChooser.InTime(today, o.Date, latestDaysAhead))
            .Where(o => !(o.Date == localNow.Date && string.CompareOrdinal(o.Start, localNow.Time) <= 0))
            .ToList();
        var near = usable.Where(o => o.DistanceKm <= maxTravelKm).ToList();
        return (near.Count > 0 ? near : usable)
            .OrderBy(o => o.Date, StringComparer.Ordinal)
            .ThenBy(o => o.Start, StringComparer.Ordinal)
            .ThenBy(o => o.DistanceKm)
            .FirstOrDefault();
    }

    private ApplicantResult Done(ApplicantResult result, string outcome) =>
        result with { Outcome = outcome, FinishedAtSeconds = Now, Searches = _searches, BookingAttempts = _attempts };

    private async Task WaitTurnAsync(CancellationToken ct)
    {
        await _pace.WaitAsync(context.Client.Clock, ct);
        var earliest = _lastSentAt + FloorSeconds;
        if (earliest > Now)
        {
            await context.Client.Clock.SleepUntil(earliest, ct);
            ct.ThrowIfCancellationRequested();
            _nextIntendedStart = earliest;
        }
    }

    private async Task<ApiResponse> SendAsync(RequestKind kind, Func<HttpRequestMessage> build, CancellationToken ct)
    {
        var intended = Math.Min(_nextIntendedStart, Now);
        _nextIntendedStart = double.PositiveInfinity;
        var forwardedFor = _forwardedFor;
        var response = await context.Client.SendAsync(
            kind,
            () =>
            {
                var request = build();
                request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
                return request;
            },
            intended,
            ct);
        _lastSentAt = Now;
        Obey(response, _pace, context, Rng);
        return response;
    }

    private static bool IsRejection(ApiResponse response) =>
        response.Outcome is CallOutcome.ValidationError or CallOutcome.NotFound or CallOutcome.Unauthorized or CallOutcome.ClientError;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
