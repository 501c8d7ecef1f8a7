namespace Scheduler.Contracts;

/// <summary>A partition's answer to a board: its waiting count, the order keys at its head (up to the budget asked), its ladder, and how many it admitted.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.AdmissionPartitionReport")]
public sealed record AdmissionPartitionReport(int Waiting, long[] Heads, AdmissionLadder Ladder, int Admitted);
