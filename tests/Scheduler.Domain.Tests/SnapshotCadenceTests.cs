using Scheduler.Domain;

namespace Scheduler.Domain.Tests;

public sealed class SnapshotCadenceTests
{
    /// <summary>Fills an empty day booking by booking (one row each) and counts the records its snapshots serialise.</summary>
    private static (int Snapshots, double RecordsPerBooking, long RowsLeft) Fill(int bookings, int minimumRows)
    {
        long sinceSnapshot = 0, serialised = 0;
        var snapshots = 0;
        for (var records = 1; records <= bookings; records++)
        {
            sinceSnapshot++;
            if (SnapshotCadence.Due(sinceSnapshot, records, minimumRows))
            {
                snapshots++;
                serialised += records;
                sinceSnapshot = 0;
            }
        }

        return (snapshots, (double)serialised / bookings, sinceSnapshot);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(18_000)]
    [InlineData(200_000)]
    public void A_booking_pays_for_at_most_two_records_of_snapshot_however_full_its_day(int bookings)
    {
        var (_, perBooking, rowsLeft) = Fill(bookings, minimumRows: 500);

        Assert.InRange(perBooking, 0, 2.0);
        // An activation reads the snapshot and at most half as many rows again (or the minimum).
        Assert.InRange(rowsLeft, 0, Math.Max(500, bookings / 2));
    }

    [Fact]
    public void A_day_below_twice_the_minimum_snapshots_every_minimum_rows()
    {
        Assert.False(SnapshotCadence.Due(499, records: 900, minimumRows: 500));
        Assert.True(SnapshotCadence.Due(500, records: 900, minimumRows: 500));
        Assert.Equal(2, Fill(1_000, minimumRows: 500).Snapshots);
    }

    [Fact]
    public void A_full_day_of_eighteen_thousand_waits_for_nine_thousand_rows()
    {
        Assert.False(SnapshotCadence.Due(8_999, records: 18_000, minimumRows: 500));
        Assert.True(SnapshotCadence.Due(9_000, records: 18_000, minimumRows: 500));
    }
}
