using System.Globalization;
using Scheduler.LoadTests.Applicants;
using Scheduler.LoadTests.Audit;
using Scheduler.LoadTests.Contract;
using Scheduler.LoadTests.Http;
using Scheduler.LoadTests.Running;
using Scheduler.LoadTests.Scenarios;

namespace Scheduler.LoadTests.Journeys;

/// <summary>
/// One applicant from arrival to a booking or giving up. The scenario's <c>journey</c> says which:
/// <list type="bullet">
/// <item><c>search-and-book</c>: search near home, look at the chosen office's days, book with an
/// idempotency key, follow slot-full alternatives or search again, and afterwards maybe read, move or
/// cancel the appointment;</item>
/// <item><c>direct-book</c>: straight to <c>POST /appointments</c> for one of the run's direct picks (the
/// first slot, or no slot, of one of the first <c>directOpenDays</c> open days at the target office, read once
/// before the run), then slot-full alternatives (at most <c>maxAlternatives</c>);</item>
/// <item><c>search-only</c>: "earliest near me", then the chosen office's availability; no booking.</item>
/// </list>
/// </summary>
public sealed class ApplicantJourney(JourneyContext context, VirtualApplicant applicant, Uri baseUri, double arrivedAt)
{
    private const double ServedRadiusKm = 50;
    private Random? _random;
    private readonly HashSet<string> _tried = [];
    private readonly HashSet<string> _exhaustedOffices = [];
    private readonly double _arrivedAt = arrivedAt;
    private readonly double _giveUpAt = arrivedAt + applicant.PatienceSeconds;

    // The first request was meant to leave at the scheduled arrival: lateness of the arrival loop counts.
    private double _nextIntendedStart = arrivedAt;
    private string? _forwardedFor;
    private int _searches;
    private int _bookingAttempts;
    private int _idempotencySequence;
    private bool _filedInTime;

    private ApplicantBehaviour Behaviour => context.Scenario.Applicants;

    /// <summary>This applicant's own choices, reproducible from its seed; made when first needed (seeding one costs a microsecond).</summary>
    private Random Rng => _random ??= new Random(applicant.Seed);

    private string Procedure => context.Scenario.Procedure;

    private double Now => context.Client.Clock.Now;

    /// <summary>Radius within which a booking counts as "near home" in the report.</summary>
    public static double NearHomeKm => ServedRadiusKm;

    public async Task<ApplicantResult> RunAsync(CancellationToken ct)
    {
        var (outcome, booked) = Behaviour.Journey switch
        {
            ApplicantBehaviour.DirectBook => await DirectBookAsync(ct),
            ApplicantBehaviour.SearchOnly => (await SearchOnlyAsync(ct), null),
            _ => await BookAsync(ct),
        };
        var result = new ApplicantResult
        {
            ApplicantId = applicant.Id,
            HomeOfficeId = applicant.HomeOffice.Id,
            HomeDepartment = applicant.HomeOffice.Department,
            Outcome = outcome,
            ArrivedAtSeconds = _arrivedAt,
            FinishedAtSeconds = Now,
            Searches = _searches,
            BookingAttempts = _bookingAttempts,
            FiledInTime = _filedInTime,
        };
        if (booked is null)
        {
            return result;
        }

        result = await AfterBookingAsync(booked, result, ct);
        return result with { FinishedAtSeconds = Now };
    }

    private async Task<(string Outcome, LedgerEntry? Booked)> BookAsync(CancellationToken ct)
    {
        var outcome = JourneyOutcome.GaveUp;
        while (_searches < Behaviour.MaxSearches && Now < _giveUpAt)
        {
            _searches++;
            var (candidate, searchOutcome) = await ChooseOfficeAsync(ct);
            if (candidate is null)
            {
                outcome = searchOutcome;
                if (outcome is JourneyOutcome.NoAvailability or JourneyOutcome.Rejected)
                {
                    break;
                }

                continue;
            }

            await ThinkAsync(ct);
            var pick = await ChooseSlotAsync(candidate, ct);
            if (pick is null)
            {
                _exhaustedOffices.Add(candidate.OfficeId);
                continue;
            }

            await ThinkAsync(ct);
            var (finalOutcome, booked) = await BookFromAsync(pick, ct);
            if (finalOutcome is not null)
            {
                return (finalOutcome, booked);
            }

            outcome = JourneyOutcome.GaveUp;
        }

        return (outcome, null);
    }

    /// <summary>
    /// Books <paramref name="pick"/>, following slot-full alternatives (at most <c>maxAlternatives</c>).
    /// A null outcome: nothing came of it, but the applicant may search again.
    /// </summary>
    private async Task<(string? Outcome, LedgerEntry? Booked)> BookFromAsync(SlotPick? pick, CancellationToken ct)
    {
        var alternativesLeft = Behaviour.MaxAlternatives;
        while (pick is not null && Now < _giveUpAt)
        {
            _tried.Add(pick.Key);
            _bookingAttempts++;
            var response = await SendBookingAsync(pick, ct);
            switch (response.Outcome)
            {
                case CallOutcome.Ok:
                    var appointment = response.Appointment();
                    _filedInTime = appointment?.FiledInTime ?? false;
                    return (JourneyOutcome.Booked, Record(appointment, pick, "booked"));
                case CallOutcome.AlreadyBooked:
                    // The answer never names the existing code (only its holder may recover it): nothing to record.
                    return (JourneyOutcome.AlreadyBooked, null);
                case CallOutcome.SlotFull:
                    context.Sellouts.Record(pick.OfficeId, pick.Date, Now);
                    var alternatives = alternativesLeft-- > 0 ? response.Problem()?.Alternatives : null;
                    pick = alternatives is { SameOffice.Count: > 0 } or { NearbyOffices.Count: > 0 }
                        ? SlotChooser.FromAlternatives(
                            alternatives, pick.OfficeId, pick.DistanceKm, HomeDistance, context.Today,
                            applicant.KmPerDay, Behaviour.MaxTravelKm, _tried, Behaviour.TargetOfficeId is not null,
                            Behaviour.SlotChoice, Rng)
                        : null;
                    if (pick is not null && !SlotChooser.InTime(context.Today, pick.Date, Behaviour.LatestDaysAhead))
                    {
                        pick = null;
                    }

                    if (pick is not null)
                    {
                        await ThinkAsync(ct);
                    }

                    break;
                case CallOutcome.ValidationError or CallOutcome.NotFound or CallOutcome.Unauthorized or CallOutcome.ClientError:
                    return (JourneyOutcome.Rejected, null);
                default:
                    // Retries ran out (busy or failing server): try another search while patience lasts.
                    pick = null;
                    break;
            }
        }

        return (null, null);
    }

    /// <summary>The <c>direct-book</c> journey: no search, one of the run's direct picks, then its alternatives.</summary>
    private async Task<(string Outcome, LedgerEntry? Booked)> DirectBookAsync(CancellationToken ct)
    {
        if (SlotChooser.DirectPick(context.DirectPicks, Rng) is not { } first)
        {
            return (JourneyOutcome.NoAvailability, null);
        }

        var pick = first with { DistanceKm = HomeDistance(first.OfficeId) ?? 0 };
        var (outcome, booked) = await BookFromAsync(pick, ct);
        return (outcome ?? JourneyOutcome.GaveUp, booked);
    }

    /// <summary>The <c>search-only</c> journey: "earliest near me", then the best office's days (the body is read and dropped).</summary>
    private async Task<string> SearchOnlyAsync(CancellationToken ct)
    {
        _searches++;
        var from = context.Today.AddDays(Behaviour.SearchFromDaysAhead).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var response = await SendAsync(
            RequestKind.Search,
            SchedulerApiClient.Earliest(baseUri, Procedure, applicant.Home.ToQuery(), Behaviour.SearchRadiusKm, from, Behaviour.EarliestLimit),
            ct);
        if (!response.IsSuccess)
        {
            return IsRejection(response) ? JourneyOutcome.Rejected : JourneyOutcome.GaveUp;
        }

        var offers = response.Read(ApiJson.Default.ListEarliestSlot) ?? [];
        if (SlotChooser.FromEarliest(offers, context.Today, applicant.KmPerDay, Behaviour.MaxTravelKm, _exhaustedOffices) is not { } candidate)
        {
            return JourneyOutcome.NoAvailability;
        }

        await ThinkAsync(ct);
        var day = DateOnly.ParseExact(candidate.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var days = await SendAsync(
            RequestKind.Availability,
            SchedulerApiClient.Availability(baseUri, candidate.OfficeId, Procedure, Iso(day), Iso(day.AddDays(Behaviour.AvailabilityWindowDays - 1))),
            ct,
            keepBody: false);
        return days.IsSuccess ? JourneyOutcome.Searched : IsRejection(days) ? JourneyOutcome.Rejected : JourneyOutcome.GaveUp;
    }

    private async Task<(SlotPick? Candidate, string Outcome)> ChooseOfficeAsync(CancellationToken ct)
    {
        var from = context.Today.AddDays(Behaviour.SearchFromDaysAhead).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (Behaviour.TargetOfficeId is { } target)
        {
            if (_exhaustedOffices.Contains(target))
            {
                return (null, JourneyOutcome.NoAvailability);
            }

            return (new SlotPick(target, from, null, HomeDistance(target) ?? 0), JourneyOutcome.Booked);
        }

        foreach (var radius in new[] { Behaviour.SearchRadiusKm, Behaviour.WideSearchRadiusKm }.Distinct())
        {
            var response = await SendAsync(
                RequestKind.Search,
                SchedulerApiClient.Earliest(baseUri, Procedure, applicant.Home.ToQuery(), radius, from, Behaviour.EarliestLimit),
                ct);
            if (!response.IsSuccess)
            {
                return (null, IsRejection(response) ? JourneyOutcome.Rejected : JourneyOutcome.GaveUp);
            }

            var offers = (response.Read(ApiJson.Default.ListEarliestSlot) ?? [])
                .Where(o => SlotChooser.InTime(context.Today, o.Date, Behaviour.LatestDaysAhead) && context.Accepts(o.OfficeId, o.DistanceKm))
                .ToList();
            var pick = SlotChooser.FromEarliest(offers, context.Today, applicant.KmPerDay, Behaviour.MaxTravelKm, _exhaustedOffices);
            if (pick is not null)
            {
                return (pick, JourneyOutcome.Booked);
            }
        }

        return (null, JourneyOutcome.NoAvailability);
    }

    private async Task<SlotPick?> ChooseSlotAsync(SlotPick candidate, CancellationToken ct)
    {
        var from = DateOnly.ParseExact(candidate.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = SlotChooser.WindowEnd(context.Today, from, Behaviour.AvailabilityWindowDays, Behaviour.LatestDaysAhead);
        var response = await SendAsync(
            RequestKind.Availability,
            SchedulerApiClient.Availability(baseUri, candidate.OfficeId, Procedure, Iso(from), Iso(to)),
            ct);
        if (!response.IsSuccess || response.Read(ApiJson.Default.AvailabilityView) is not { } view)
        {
            return null;
        }

        return SlotChooser.FromAvailability(view with { OfficeId = candidate.OfficeId }, candidate.Date, candidate.DistanceKm, Behaviour.SlotChoice, Rng, _tried, LimaCalendar.NowText(context.Client.Clock.Time));
    }

    private Task<ApiResponse> SendBookingAsync(SlotPick pick, CancellationToken ct)
    {
        var body = new BookingRequest(
            Procedure,
            pick.OfficeId,
            pick.Date,
            pick.Start,
            new ApplicantDetails(applicant.DocumentType, applicant.DocumentNumber, applicant.Country, applicant.FullName, applicant.Email, applicant.Phone));

        // One key per distinct request; every retry of that request carries the same key.
        var key = $"lt-{context.RunId}-{applicant.Id}-{++_idempotencySequence}";
        return SendAsync(RequestKind.Book, SchedulerApiClient.Book(baseUri, body, key), ct);
    }

    private LedgerEntry Record(AppointmentView? view, SlotPick pick, string source)
    {
        var entry = new LedgerEntry
        {
            Code = view?.Code ?? "(no code in 2xx body)",
            DocumentType = applicant.DocumentType,
            DocumentNumber = applicant.DocumentNumber,
            Country = applicant.Country,
            FullName = applicant.FullName,
            Procedure = view?.Procedure ?? Procedure,
            OfficeId = view?.OfficeId ?? pick.OfficeId,
            Date = view?.Date ?? pick.Date,
            Start = view?.Start ?? pick.Start ?? "",
            BookedAtSeconds = Now,
            Source = source,
        };
        context.Ledger.Add(entry);
        return entry;
    }

    private async Task<ApplicantResult> AfterBookingAsync(LedgerEntry booked, ApplicantResult result, CancellationToken ct)
    {
        var current = booked;
        if (applicant.WillRead)
        {
            await ThinkAsync(ct);
            await SendAsync(RequestKind.Read, SchedulerApiClient.Read(baseUri, current.Code, applicant.DocumentNumber), ct);
        }

        if (applicant.WillReschedule)
        {
            await ThinkAsync(ct);
            var moved = await RescheduleAsync(current, ct);
            if (moved is not null)
            {
                current = moved;
                result = result with { Rescheduled = true };
            }
        }

        if (applicant.WillCancel)
        {
            await ThinkAsync(ct);
            var response = await SendAsync(RequestKind.Cancel, SchedulerApiClient.Cancel(baseUri, current.Code, applicant.DocumentNumber), ct);
            if (response.IsSuccess)
            {
                context.Ledger.Update(current.Code, e => e with { Status = LedgerStatus.Cancelled });
                result = result with { Cancelled = true };
            }
            else if (response.Status is null)
            {
                context.Ledger.Update(current.Code, e => e with { Status = LedgerStatus.Uncertain });
            }
        }

        var latest = context.Ledger.Find(current.Code) ?? current;
        return result with
        {
            OfficeId = latest.OfficeId,
            Date = latest.Date,
            DistanceKm = HomeDistance(latest.OfficeId),
        };
    }

    private async Task<LedgerEntry?> RescheduleAsync(LedgerEntry current, CancellationToken ct)
    {
        // Move to a later day at the same office, as someone whose plans changed would.
        var from = DateOnly.ParseExact(current.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(1);
        var availability = await SendAsync(
            RequestKind.Availability,
            SchedulerApiClient.Availability(baseUri, current.OfficeId, Procedure, Iso(from), Iso(from.AddDays(Behaviour.AvailabilityWindowDays - 1))),
            ct);
        if (!availability.IsSuccess || availability.Read(ApiJson.Default.AvailabilityView) is not { } view)
        {
            return null;
        }

        var target = SlotChooser.FromAvailability(view with { OfficeId = current.OfficeId }, Iso(from), 0, "random", Rng, _tried, LimaCalendar.NowText(context.Client.Clock.Time));
        if (target is null)
        {
            return null;
        }

        await ThinkAsync(ct);
        var response = await SendAsync(
            RequestKind.Reschedule,
            SchedulerApiClient.Reschedule(baseUri, current.Code, applicant.DocumentNumber, new RescheduleRequest(target.OfficeId, target.Date, target.Start)),
            ct);
        if (response.IsSuccess)
        {
            var view2 = response.Appointment();
            context.Ledger.Update(current.Code, e => e with
            {
                OfficeId = view2?.OfficeId ?? target.OfficeId,
                Date = view2?.Date ?? target.Date,
                Start = view2?.Start ?? target.Start ?? e.Start,
                Reschedules = e.Reschedules + 1,
            });
            return context.Ledger.Find(current.Code);
        }

        if (response.Status is null)
        {
            context.Ledger.Update(current.Code, e => e with
            {
                Status = LedgerStatus.Uncertain,
                PreviousSeat = (e.OfficeId, e.Date, e.Start),
                OfficeId = target.OfficeId,
                Date = target.Date,
                Start = target.Start ?? e.Start,
            });
        }
        else if (response.Outcome == CallOutcome.SlotFull)
        {
            context.Sellouts.Record(target.OfficeId, target.Date, Now);
        }

        return null;
    }

    private Task<ApiResponse> SendAsync(RequestKind kind, Func<HttpRequestMessage> build, CancellationToken ct, bool keepBody = true)
    {
        // Chained requests (no pause between them) are meant to go out as soon as the previous answer came.
        var intended = double.IsNegativeInfinity(_nextIntendedStart) ? Now : Math.Min(_nextIntendedStart, Now);
        _nextIntendedStart = double.NegativeInfinity;
        // Retry jitter needs no reproducibility: an applicant that never chose anything borrows the shared generator.
        // Each person is an address of their own, named in X-Forwarded-For (a scheduler the tool starts trusts loopback
        // as its proxy), so the per-address abuse limits see a crowd, not one client.
        var forwardedFor = ForwardedFor;
        HttpRequestMessage FromThisPerson()
        {
            var request = build();
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
            return request;
        }

        return context.Client.SendWithRetriesAsync(kind, FromThisPerson, intended, context.Retry, _giveUpAt, _random ?? Random.Shared, ct, keepBody);
    }

    /// <summary>This person's address (<see cref="ClientAddress"/>).</summary>
    private string ForwardedFor => _forwardedFor ??= ClientAddress.Of(applicant);

    private async Task ThinkAsync(CancellationToken ct)
    {
        var range = Behaviour.ThinkTimeMs;
        var pause = (range.Max <= range.Min ? range.Min : range.Draw(Rng)) / 1000.0;
        var resumeAt = Now + pause;
        if (pause > 0)
        {
            await context.Client.Clock.SleepUntil(resumeAt, ct);
        }

        ct.ThrowIfCancellationRequested();

        // The next request was meant to go out when the pause ended, not whenever the thread got to it.
        _nextIntendedStart = resumeAt;
    }

    private double? HomeDistance(string officeId) =>
        context.OfficeLocations.TryGetValue(officeId, out var location) ? applicant.Home.DistanceKm(location) : null;

    private static bool IsRejection(ApiResponse response) =>
        response.Outcome is CallOutcome.ValidationError or CallOutcome.NotFound or CallOutcome.Unauthorized or CallOutcome.ClientError;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
