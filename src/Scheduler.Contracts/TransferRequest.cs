namespace Scheduler.Contracts;

/// <summary>Move <paramref name="Counters"/> counters of a procedure from one office to another over a date range.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.TransferRequest")]
public sealed record TransferRequest(
    string Procedure, string FromOfficeId, string ToOfficeId, DateOnly From, DateOnly To, int Counters, string By, string? Reason)
{
    /// <summary>Whether <paramref name="other"/> asks for the same move (who asked and why aside).</summary>
    public bool SameMove(TransferRequest other) =>
        (Procedure, FromOfficeId, ToOfficeId, From, To, Counters) == (other.Procedure, other.FromOfficeId, other.ToOfficeId, other.From, other.To, other.Counters);
}
