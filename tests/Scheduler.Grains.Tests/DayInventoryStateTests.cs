using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Scheduler.Contracts;
using Scheduler.Grains.State;

namespace Scheduler.Grains.Tests;

/// <summary>A day's stored snapshot: packed now, and a snapshot written before packing still read whole.</summary>
[Collection(SchedulerClusterCollection.Name)]
public sealed class DayInventoryStateTests(SchedulerCluster fixture)
{
    private Serializer Serializer => fixture.Client.ServiceProvider.GetRequiredService<Serializer>();

    [Fact]
    public void A_packed_snapshot_stored_and_read_back_gives_every_appointment_as_it_was()
    {
        var appointments = Appointments(300);
        var stored = Serializer.SerializeToArray(new DayInventoryState { Packed = Serializer.SerializeToArray(appointments), JournalSequence = 812 });

        var read = Serializer.Deserialize<DayInventoryState>(stored)!;

        Assert.Equal(812, read.JournalSequence);
        Assert.Empty(read.Appointments);
        Assert.Equal(Describe(appointments), Describe(read.Unpack(Serializer)));
    }

    [Fact]
    public void A_snapshot_written_before_packing_is_read_whole()
    {
        var appointments = Appointments(40);
        var stored = Serializer.SerializeToArray(new DayInventoryState { Appointments = appointments, JournalSequence = 77 });

        var read = Serializer.Deserialize<DayInventoryState>(stored)!;

        Assert.Null(read.Packed);
        Assert.Equal(Describe(appointments), Describe(read.Unpack(Serializer)));
    }

    // Records compare their lists by reference, so each appointment is compared by what it says.
    private static string[] Describe(IEnumerable<Appointment> appointments) =>
        appointments.Select(a => $"{a with { History = [] }} | {string.Join(';', a.History)}").ToArray();

    private static List<Appointment> Appointments(int count)
    {
        var date = SchedulerCluster.Today.AddDays(5);
        return Enumerable.Range(0, count).Select(i => new Appointment(
            $"AB{i / 100 % 10}{i / 10 % 10}-{i % 10}XYZ", i % 7 == 0 ? AppointmentStatus.Cancelled : AppointmentStatus.Booked, SchedulerCluster.Procedure,
            SchedulerCluster.Office, date, new TimeOnly(8, 0).AddMinutes(20 * (i % 30)), new TimeOnly(8, 20).AddMinutes(20 * (i % 30)),
            SchedulerCluster.Person(i), [new HistoryEntry(DateTimeOffset.UnixEpoch.AddMinutes(i), "booked", "applicant", null)])).ToList();
    }
}
