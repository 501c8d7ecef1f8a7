namespace Scheduler.Domain;

/// <summary>
/// When a day folds its journal rows into a new snapshot. A snapshot serialises every record the day holds, so at a
/// fixed cadence its cost per row grows with the day (a full day of 18,000 at every 500 rows: 36 records serialised per
/// booking, the largest share of a booking benchmark's CPU and garbage). Waiting also for half as many rows as the day
/// holds records bounds that at two records per row whatever the day holds, and an activation still reads a snapshot
/// and at most half as many rows again.
/// </summary>
public static class SnapshotCadence
{
    public static bool Due(long rowsSinceSnapshot, int records, int minimumRows) =>
        rowsSinceSnapshot >= Math.Max(minimumRows, records / 2);
}
