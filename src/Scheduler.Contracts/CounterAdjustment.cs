namespace Scheduler.Contracts;

/// <summary>
/// Counters added to (or, negative, taken from) a procedure's plan over a date range by transfer
/// <paramref name="TransferId"/>. A cut counts at once; an addition only once the transfer has committed
/// (<paramref name="Confirmed"/>), so an aborted transfer never leaves seats that someone could have booked.
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.CounterAdjustment")]
public sealed record CounterAdjustment(string TransferId, string Procedure, DateOnly From, DateOnly To, int Delta, bool Confirmed)
{
    public bool CountsOn(string procedure, DateOnly date) =>
        procedure == Procedure && date >= From && date <= To && (Delta < 0 || Confirmed);
}
