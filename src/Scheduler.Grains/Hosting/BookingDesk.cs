using System.Diagnostics;
using Scheduler.Contracts;
using Scheduler.Domain;
using Scheduler.Grains.Grains;
using Scheduler.Grains.Telemetry;

namespace Scheduler.Grains.Hosting;

/// <summary>
/// Where a front door books: one grain call for a person who holds nothing yet, the deadline surge's common case.
/// <para>
/// The day decides the seat in memory and its row commits with a claim to open; the journal's unique index on active
/// claims (one per document and procedure) refuses the claim if the person already holds an appointment anywhere, and
/// the day then rolls its decision back. So nothing needs the person's <see cref="IApplicantGrain"/>, whose activation
/// (and departure) cost a fresh booking about a fifth of its CPU. Only when something is held does the desk hand the
/// same command to that grain: the day says this person already has a seat there (perhaps this very booking, answered
/// before and now retried), or the journal refused the claim. The grain reads the stored claims and decides once,
/// one request of a person at a time: the same code for a replayed Idempotency-Key, "already booked" otherwise, and a
/// key reused for another booking refused.
/// </para>
/// <para>
/// A refusal (slot full, not offered) given to a request with an Idempotency-Key is remembered by this front door
/// (<see cref="RefusalMemory"/>, memory only, as the applicant grain remembered it): the retry gets the same refusal,
/// and the key sent with another booking is refused as reused. Elsewhere or later a retry is decided afresh, which can
/// never book twice (the claim would be refused).
/// </para>
/// </summary>
public sealed class BookingDesk(IGrainFactory grains, ApplicantKeys keys, RefusalMemory refusals, SchedulerMetrics metrics)
{
    public async Task<BookingOutcome> BookAsync(BookingCommand command, string? idempotencyKey)
    {
        var started = Stopwatch.GetTimestamp();
        var documentKey = keys.Of(command.Applicant.Identity.DocumentNumber);
        var fingerprint = ClaimedSeat.Fingerprint(command);
        if (idempotencyKey is not null && refusals.TryGet(documentKey, idempotencyKey, out var refused, out var first))
        {
            return refused == fingerprint ? first : BookingOutcome.Of(BookingResult.IdempotencyKeyReused);
        }

        var code = ConfirmationCode.New();
        var day = new DayKey(command.OfficeId, command.Procedure, command.Date);
        var decision = await grains.Reference<IDayInventoryGrain>(day.ToString())
            .Take(ClaimedSeat.Open(command, code, documentKey, idempotencyKey, fingerprint, by: "applicant"));

        var somethingHeld = decision.Result == SeatResult.AlreadyClaimed ||
            (decision.Result == SeatResult.Booked && decision.Appointment?.Code != code);
        if (somethingHeld)
        {
            // The person holds something: the applicant decides with the stored claims (and records its own metric).
            return await grains.GetGrain<IApplicantGrain>(documentKey).Book(command, idempotencyKey);
        }

        var outcome = ClaimedSeat.Outcome(decision);
        if (idempotencyKey is not null && outcome.Result != BookingResult.Booked)
        {
            refusals.Remember(documentKey, idempotencyKey, fingerprint, outcome);
        }

        metrics.Booking(outcome.Result.ToString(), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return outcome;
    }
}
