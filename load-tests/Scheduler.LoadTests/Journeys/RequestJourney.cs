using System.Globalization;
using Scheduler.LoadTests.Applicants;
using Scheduler.LoadTests.Contract;
using Scheduler.LoadTests.Geography;
using Scheduler.LoadTests.Http;

namespace Scheduler.LoadTests.Journeys;

/// <summary>
/// One identity in <c>batch</c> mode: files a request (<c>POST /api/v1/requests</c>, home point and
/// <c>maxTravelKm</c> as the radius, or the offices of <see cref="Reach"/>, from <c>searchFromDaysAhead</c> for <c>availabilityWindowDays</c> days, one
/// idempotency key for every retry), then reads it (<c>GET /api/v1/requests/{id}</c>) until it is assigned or
/// expired, or is still open after the tool's last batch. A person reads with growing pauses (1 s doubling to the
/// client's <c>maxBackoffMs</c>); a bot (<paramref name="pace"/> given) files and reads as fast as its operator's
/// address is allowed, and retries a refused filing for as long as the run lasts.
/// </summary>
public sealed class RequestJourney(JourneyContext context, VirtualApplicant applicant, Uri baseUri, double arrivedAt, BotPace? pace = null)
{
    private const double FirstPollPauseSeconds = 1;

    // A script that is never told to wait would spin on one core; no client sends more often than this.
    private const double BotFloorSeconds = 0.1;

    private readonly string _forwardedFor = ClientAddress.Of(applicant);
    private double _lastSentAt = double.NegativeInfinity;
    private Random? _random;
    private readonly double _arrivedAt = arrivedAt;
    private double _nextIntendedStart = arrivedAt;

    private Random Rng => _random ??= new Random(applicant.Seed);

    private double Now => context.Client.Clock.Now;

    private bool IsBot => pace is not null;

    /// <summary>Bots stop when the run does; people keep reading their request until the last batch has spoken.</summary>
    private double GiveUpAt => IsBot ? context.BotsStopAt : double.PositiveInfinity;

    public async Task<ApplicantResult> RunAsync(CancellationToken ct)
    {
        var result = new ApplicantResult
        {
            ApplicantId = applicant.Id,
            HomeOfficeId = applicant.HomeOffice.Id,
            HomeDepartment = applicant.HomeOffice.Department,
            Outcome = JourneyOutcome.GaveUp,
            ArrivedAtSeconds = _arrivedAt,
            FinishedAtSeconds = _arrivedAt,
            IsBot = IsBot,
            HomeFar = applicant.HomeFar,
        };
        var (filed, outcome) = await FileAsync(ct);
        if (filed is null)
        {
            return result with { Outcome = outcome, FinishedAtSeconds = Now };
        }

        result = result with { RequestId = filed.Id, FiledInTime = filed.FiledInTime ?? false, BookingAttempts = 1 };
        var pause = FirstPollPauseSeconds;
        while (true)
        {
            // Read once more after the last batch: what it gave is only known then.
            var afterLastBatch = context.FinalBatch.IsCompleted;
            if (IsBot)
            {
                await WaitAsBotAsync(ct);
            }
            else if (!afterLastBatch)
            {
                await SleepAsync(Now + pause, ct);
                pause = Math.Min(pause * 2, Math.Max(FirstPollPauseSeconds, context.Scenario.Client.MaxBackoffMs / 1000.0));
            }

            if (Now >= GiveUpAt)
            {
                return result with { Outcome = JourneyOutcome.StillOpen, FinishedAtSeconds = Now };
            }

            var response = await SendAsync(RequestKind.Poll, SchedulerApiClient.ReadRequest(baseUri, filed.Id, applicant.DocumentNumber), ct);
            if (!response.IsSuccess)
            {
                if (IsRejection(response))
                {
                    return result with { Outcome = JourneyOutcome.Rejected, FinishedAtSeconds = Now };
                }

                continue;
            }

            var view = response.Read(ApiJson.Default.SeatRequestView);
            if (view?.FiledInTime is { } inTime)
            {
                result = result with { FiledInTime = inTime };
            }

            switch (view?.Current)
            {
                case SeatRequestView.Assigned when view.Appointment is { } seat:
                    var code = view.Code ?? $"(no code for request {view.Id})";
                    context.Ledger.Add(SeatRecord.From(applicant, null, context.Scenario.Procedure, seat.OfficeId, seat.Date, seat.Start, Now, "assigned") with { Code = code });
                    return result with
                    {
                        Outcome = JourneyOutcome.Assigned,
                        OfficeId = seat.OfficeId,
                        Date = seat.Date,
                        DistanceKm = context.OfficeLocations.TryGetValue(seat.OfficeId, out var at) ? applicant.Home.DistanceKm(at) : null,
                        FinishedAtSeconds = Now,
                    };
                case SeatRequestView.Expired or SeatRequestView.Withdrawn or SeatRequestView.CarriedOver:
                    return result with { Outcome = JourneyOutcome.Expired, FinishedAtSeconds = Now };
                default:
                    if (afterLastBatch)
                    {
                        return result with { Outcome = JourneyOutcome.StillOpen, FinishedAtSeconds = Now };
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// The offices a request names, or null for "within <paramref name="maxTravelKm"/> of home". A request cannot say
    /// "near home first, else the capital" the way a person choosing among offers does (in first-come mode, someone with
    /// nothing free nearby takes the nearest office that has a seat and that they would travel to, and from the regions
    /// that is the capital), so a home with no office of the capital's area within reach names the offices within reach
    /// and those of the capital's area it would travel to (<see cref="JourneyContext.Accepts"/>). A home beyond the trip
    /// (<c>capitalTripKm</c>) names none of them: a radius, as from near the capital.
    /// </summary>
    public static string[]? Reach(JourneyContext context, GeoPoint home, double maxTravelKm)
    {
        double? Km(string id) => context.OfficeLocations.TryGetValue(id, out var at) ? home.DistanceKm(at) : null;
        bool Near(string id) => Km(id) <= maxTravelKm;
        if (context.CapitalOffices.Count == 0 || context.CapitalOffices.Any(Near))
        {
            return null;
        }

        var capital = context.CapitalOffices.Where(id => Km(id) is { } km && context.Accepts(id, km)).ToList();
        if (capital.Count == 0)
        {
            return null;
        }

        return context.OfficeLocations.Keys.Where(Near).Order(StringComparer.Ordinal).Concat(capital).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The request as filed, or null and why not.</summary>
    private async Task<(SeatRequestView? Filed, string Outcome)> FileAsync(CancellationToken ct)
    {
        var behaviour = context.Scenario.Applicants;
        var from = context.Today.AddDays(behaviour.SearchFromDaysAhead);
        var offices = Reach(context, applicant.Home, behaviour.MaxTravelKm);
        var body = new FilingRequest(
            context.Scenario.Procedure,
            new ApplicantDetails(applicant.DocumentType, applicant.DocumentNumber, applicant.Country, applicant.FullName, applicant.Email, applicant.Phone),
            applicant.Home.ToQuery(),
            offices is null ? behaviour.MaxTravelKm : null,
            offices,
            Iso(from),
            Iso(SlotChooser.WindowEnd(context.Today, from, behaviour.AvailabilityWindowDays, behaviour.LatestDaysAhead)));
        var request = SchedulerApiClient.File(baseUri, body, $"lt-{context.RunId}-{applicant.Id}-request");
        while (true)
        {
            if (IsBot)
            {
                await WaitAsBotAsync(ct);
                if (Now >= GiveUpAt)
                {
                    return (null, JourneyOutcome.GaveUp);
                }
            }

            var response = IsBot
                ? await SendOnceAsync(RequestKind.File, request, ct)
                : await SendAsync(RequestKind.File, request, ct);
            if (response.IsSuccess)
            {
                return response.Read(ApiJson.Default.SeatRequestView) is { Id: not null } view
                    ? (view, JourneyOutcome.Booked)
                    : (null, JourneyOutcome.Failed);
            }

            if (IsRejection(response) || response.Outcome is CallOutcome.Conflict or CallOutcome.AlreadyBooked)
            {
                return (null, JourneyOutcome.Rejected);
            }

            if (!IsBot)
            {
                // Retries ran out (a busy or failing server): a person leaves it there.
                return (null, JourneyOutcome.GaveUp);
            }
        }
    }

    /// <summary>A bot's wait: its operator's pause, if any, and never less than the floor after its last request.</summary>
    private async Task WaitAsBotAsync(CancellationToken ct)
    {
        await pace!.WaitAsync(context.Client.Clock, ct);
        var earliest = _lastSentAt + BotFloorSeconds;
        if (earliest > Now)
        {
            await SleepAsync(earliest, ct);
        }
    }

    private async Task SleepAsync(double until, CancellationToken ct)
    {
        // A person's pause ends early when the last batch has run, so nobody sleeps through its answer.
        var sleep = context.Client.Clock.SleepUntil(until, ct);
        if (!IsBot && !context.FinalBatch.IsCompleted)
        {
            await Task.WhenAny(sleep, context.FinalBatch);
        }
        else
        {
            await sleep;
        }

        ct.ThrowIfCancellationRequested();
        _nextIntendedStart = Math.Min(until, Now);
    }

    /// <summary>A person's request: retried with backoff (honouring <c>Retry-After</c>) by the client's policy.</summary>
    private Task<ApiResponse> SendAsync(RequestKind kind, Func<HttpRequestMessage> build, CancellationToken ct)
    {
        if (IsBot)
        {
            return SendOnceAsync(kind, build, ct);
        }

        var intended = Math.Min(_nextIntendedStart, Now);
        _nextIntendedStart = double.PositiveInfinity;
        return context.Client.SendWithRetriesAsync(kind, FromThisClient(build), intended, context.Retry, double.PositiveInfinity, Rng, ct);
    }

    /// <summary>A bot's request: one attempt; a 429 or 503 holds its whole operator back for the <c>Retry-After</c> it names.</summary>
    private async Task<ApiResponse> SendOnceAsync(RequestKind kind, Func<HttpRequestMessage> build, CancellationToken ct)
    {
        var intended = Math.Min(_nextIntendedStart, Now);
        _nextIntendedStart = double.PositiveInfinity;
        var response = await context.Client.SendAsync(kind, FromThisClient(build), intended, ct);
        _lastSentAt = Now;
        BotJourney.Obey(response, pace!, context, Rng);
        return response;
    }

    private Func<HttpRequestMessage> FromThisClient(Func<HttpRequestMessage> build) => () =>
    {
        var request = build();
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", _forwardedFor);
        return request;
    };

    private static bool IsRejection(ApiResponse response) =>
        response.Outcome is CallOutcome.ValidationError or CallOutcome.NotFound or CallOutcome.Unauthorized or CallOutcome.ClientError;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
