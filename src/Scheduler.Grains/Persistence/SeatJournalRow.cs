namespace Scheduler.Grains.Persistence;

/// <summary>
/// One seat change of a day inventory as the journal stores it: the appointment's whole record after the
/// change (taken, moved, released), at the day's next sequence number. A day's memory is its snapshot plus
/// its rows after the snapshot's sequence number, in order; each row replaces the record with its code.
/// </summary>
public sealed record SeatJournalRow(string Day, long Sequence, string Code, byte[] Payload);
