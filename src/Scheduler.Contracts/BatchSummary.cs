namespace Scheduler.Contracts;

/// <summary>A batch in a list: when it was decided, from which seed, how many requests and seats it had, how many got one.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.BatchSummary")]
public sealed record BatchSummary(string Id, long Seed, DateTimeOffset DecidedAt, int Requests, int SeatsOffered, int Assigned, bool Finished);
