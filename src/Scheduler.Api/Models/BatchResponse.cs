namespace Scheduler.Api.Models;

/// <summary>A batch: its seed, when it was decided, how many open requests and free seats it had, how many requests got a seat.</summary>
public sealed record BatchResponse(string Id, long Seed, DateTimeOffset DecidedAt, int Requests, int SeatsOffered, int Assigned, bool Finished);
