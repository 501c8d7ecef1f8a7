using System.Diagnostics.Metrics;

namespace Scheduler.Storage;

/// <summary>
/// How well the commit pipelines batch: rows per transaction, on the scheduler's meter (<see cref="MeterName"/>, the
/// same meter as the grains' instruments, so one subscription sees both).
/// </summary>
public sealed class StorageMetrics
{
    public const string MeterName = "Scheduler";

    private readonly Histogram<int> journalBatch;
    private readonly Histogram<int> waitlistBatch;
    private readonly Histogram<int> admissionBatch;

    public StorageMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        journalBatch = meter.CreateHistogram<int>("scheduler.journal.rows_per_transaction", "{row}", "Journal rows (from any grain of the silo) committed in one transaction.");
        waitlistBatch = meter.CreateHistogram<int>("scheduler.waitlist.rows_per_transaction", "{row}", "Waitlist rows (joins and outcomes, from any partition of the silo) committed in one transaction.");
        admissionBatch = meter.CreateHistogram<int>("scheduler.admission.rows_per_transaction", "{row}", "Waiting-room rows (joins, admissions, spent tokens, from any partition of the silo) committed in one transaction.");
    }

    public void JournalBatch(int rows) => journalBatch.Record(rows);

    public void WaitlistBatch(int rows) => waitlistBatch.Record(rows);

    public void AdmissionBatch(int rows) => admissionBatch.Record(rows);
}
