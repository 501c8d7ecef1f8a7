namespace Scheduler.LoadTests.Contract;

/// <summary><c>POST /api/v1/admin/procedures/{id}/batches</c> answer: a batch's open requests, free seats offered and seats assigned.</summary>
public sealed record BatchView(string Id, long Seed, int Requests, int SeatsOffered, int Assigned, bool Finished);
