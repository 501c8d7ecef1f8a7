namespace Scheduler.Api.Models;

/// <summary>A committed transfer.</summary>
public sealed record TransferResponse(string Id, string Status, string Procedure, string FromOfficeId, string ToOfficeId, string From, string To, int Counters);
