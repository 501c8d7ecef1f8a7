namespace Scheduler.Contracts;

/// <summary>Move <paramref name="Counters"/> counters of a procedure from one office to another over a date range.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.TransferRequest")]
public sealed record TransferRequest(
    string Procedure, string FromOfficeId, string ToOfficeId, DateOnly From, DateOnly To, int Counters, string By, string? Reason);
