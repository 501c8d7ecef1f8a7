using Orleans.Serialization;
using Scheduler.Contracts;

namespace Scheduler.Grains.State;

/// <summary>
/// A day inventory's snapshot: every appointment that holds (or held) one of its seats, as of seat-journal row
/// <see cref="JournalSequence"/>. The day's memory is this plus its journal rows after that one. Written in
/// the background now and then (compaction), never per booking. A snapshot written before the journal existed
/// has sequence 0 and is simply the whole day.
/// <para>
/// The appointments are stored packed (<see cref="Packed"/>: serialised apart, on a thread of the pool, while the day
/// goes on booking); <see cref="Appointments"/> holds those of a snapshot written before packing, read on activation
/// and never written now. In memory neither is kept once the day has read it or written it: the day's ledger holds
/// the appointments.
/// </para>
/// </summary>
[GenerateSerializer, Alias("scheduler.DayInventoryState")]
public sealed class DayInventoryState
{
    /// <summary>A snapshot's appointments as releases before packing wrote them.</summary>
    [Id(0)]
    public List<Appointment> Appointments { get; set; } = [];

    /// <summary>The last journal row folded into the snapshot (0: none).</summary>
    [Id(1)]
    public long JournalSequence { get; set; }

    /// <summary>The snapshot's appointments, a <c>List&lt;Appointment&gt;</c> serialised with the Orleans serializer.</summary>
    [Id(2)]
    public byte[]? Packed { get; set; }

    /// <summary>The snapshot's appointments, packed or not.</summary>
    public List<Appointment> Unpack(Serializer serializer) =>
        Packed is null
            ? Appointments
            : serializer.Deserialize<List<Appointment>>(Packed) ?? throw new InvalidOperationException($"A day snapshot through journal row {JournalSequence} holds no appointment list.");
}
