using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Scheduler.Storage;

namespace Scheduler.Grains.Telemetry;

/// <summary>
/// The scheduler's own instruments (meter <see cref="MeterName"/>); the storage's batch sizes are <see cref="Scheduler.Storage.StorageMetrics"/>,
/// on the same meter.
/// </summary>
public sealed class SchedulerMetrics
{
    public const string MeterName = Scheduler.Storage.StorageMetrics.MeterName;

    private readonly Counter<long> bookings;
    private readonly Histogram<double> bookingDuration;
    private readonly Histogram<double> dayActivation;
    private readonly Histogram<double> admissionSpend;
    private readonly Histogram<double> admissionBooking;
    private readonly Counter<long> admissions;
    private readonly Counter<long> storageWrites;
    private readonly Counter<long> rejected;
    private readonly ConcurrentDictionary<(string Office, string Procedure), int> freeSeats = new();

    public SchedulerMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        bookings = meter.CreateCounter<long>("scheduler.bookings", "{booking}", "Booking and rescheduling requests by outcome.");
        bookingDuration = meter.CreateHistogram<double>("scheduler.booking.duration", "ms", "Time to decide and commit a booking.");
        dayActivation = meter.CreateHistogram<double>("scheduler.day.activation.duration", "ms", "Time for a day inventory to rebuild its seats from its snapshot and journal rows.");
        admissionSpend = meter.CreateHistogram<double>("scheduler.admission.spend.duration", "ms", "From a booking's arrival at the admission check to its token spent on the ticket's partition (the row committed).");
        admissionBooking = meter.CreateHistogram<double>("scheduler.admission.booking.duration", "ms", "A booking-like request of a procedure behind the waiting room, from the admission check to the answer: what the rate in force is steered by.");
        admissions = meter.CreateCounter<long>("scheduler.admission.events", "{ticket}", "Waiting-room tickets by event (joined, admitted, spent, refused token).");
        storageWrites = meter.CreateCounter<long>("scheduler.storage.writes", "{write}", "Grain state writes by grain kind.");
        rejected = meter.CreateCounter<long>("scheduler.requests.rejected", "{request}", "Requests refused before reaching a grain, by reason.");
        meter.CreateObservableGauge("scheduler.free_seats", ObserveFreeSeats, "{seat}", "Free seats per office and procedure within the booking window (offices active on this silo).");
    }

    public void DayActivated(double milliseconds) => dayActivation.Record(milliseconds);

    /// <summary>A token spent: the time from the admission check's start.</summary>
    public void AdmissionSpent(double milliseconds) => admissionSpend.Record(milliseconds);

    /// <summary>A booking-like request behind the waiting room answered: the time from the admission check's start.</summary>
    public void AdmissionBooking(double milliseconds) => admissionBooking.Record(milliseconds);

    /// <summary>A waiting-room event: <c>joined</c>, <c>admitted</c>, <c>spent</c>, or <c>refused-</c> and the token's fault.</summary>
    public void Admission(string @event, int count = 1) => admissions.Add(count, new KeyValuePair<string, object?>("event", @event));

    /// <summary>An office reports its free seats for a procedure across the booking window.</summary>
    public void FreeSeats(string officeId, string procedure, int free) => freeSeats[(officeId, procedure)] = free;

    /// <summary>An office left this silo: it no longer reports here.</summary>
    public void ForgetOffice(string officeId)
    {
        foreach (var key in freeSeats.Keys.Where(k => k.Office == officeId))
        {
            freeSeats.TryRemove(key, out _);
        }
    }

    private IEnumerable<Measurement<int>> ObserveFreeSeats() =>
        freeSeats.Select(f => new Measurement<int>(f.Value, new KeyValuePair<string, object?>("office", f.Key.Office), new KeyValuePair<string, object?>("procedure", f.Key.Procedure)));

    public void Booking(string outcome, double milliseconds)
    {
        bookings.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        bookingDuration.Record(milliseconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void StorageWrite(string grain) => storageWrites.Add(1, new KeyValuePair<string, object?>("grain", grain));

    public void Rejected(string reason) => rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
