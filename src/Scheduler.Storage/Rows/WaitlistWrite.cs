namespace Scheduler.Storage;

/// <summary>
/// One change to the waitlist table: a new entry (<paramref name="Partition"/> set, status waiting) or an entry
/// that finished (<paramref name="Partition"/> null: its row takes the outcome, without personal data).
/// </summary>
public sealed record WaitlistWrite(string EntryId, string? Partition, int Status, byte[] Payload);
