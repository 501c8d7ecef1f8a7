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
    private readonly Histogram<double> admissionTurnWait;
    private readonly Histogram<double> admissionTransaction;

    public StorageMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        journalBatch = meter.CreateHistogram<int>("scheduler.journal.rows_per_transaction", "{row}", "Journal rows (from any grain of the silo) committed in one transaction.");
        waitlistBatch = meter.CreateHistogram<int>("scheduler.waitlist.rows_per_transaction", "{row}", "Waitlist rows (joins and outcomes, from any partition of the silo) committed in one transaction.");
        admissionBatch = meter.CreateHistogram<int>("scheduler.admission.rows_per_transaction", "{row}", "Waiting-room rows (joins, admissions, spent tokens, from any partition of the silo) committed in one transaction.");
        admissionTurnWait = meter.CreateHistogram<double>("scheduler.admission.write_turn.wait", "ms", "How long a waiting-room transaction waited for its turn to write (SQLite: behind every other writer of the file; PostgreSQL: none).");
        admissionTransaction = meter.CreateHistogram<double>("scheduler.admission.transaction.duration", "ms", "A waiting-room transaction, from its turn to its commit.");
    }

    public void JournalBatch(int rows) => journalBatch.Record(rows);

    public void WaitlistBatch(int rows) => waitlistBatch.Record(rows);

    public void AdmissionBatch(int rows) => admissionBatch.Record(rows);

    public void AdmissionTransaction(double turnWaitMilliseconds, double transactionMilliseconds)
    {
        admissionTurnWait.Record(turnWaitMilliseconds);
        admissionTransaction.Record(transactionMilliseconds);
    }
}
