namespace Scheduler.Storage;

/// <summary>
/// One change to the waitlist table: a new entry (<paramref name="Partition"/> set, status waiting) or an entry
/// that finished (<paramref name="Partition"/> null: its row takes the outcome, without personal data). A new entry
/// names its owner by <paramref name="DocumentKey"/> (the keyed hash of the document number) and its procedure.
/// </summary>
public sealed record WaitlistWrite(string EntryId, string? Partition, int Status, byte[] Payload, string? DocumentKey = null, string? Procedure = null);
