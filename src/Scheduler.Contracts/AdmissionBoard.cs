namespace Scheduler.Contracts;

/// <summary>
/// What a procedure's admission coordinator tells every partition each tick: whether admission is on, the order key up
/// to which tickets are admitted, the admission rate ETAs use (measured; the rate in force until there is a measurement), the opening time, and every partition's
/// ladder (for positions); before the opening, how many early arrivals are expected by then (their arrival rate so far, projected).
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.AdmissionBoard")]
public sealed record AdmissionBoard(
    bool On,
    long Frontier,
    double EtaPerSecond,
    DateTimeOffset? OpeningAt,
    IReadOnlyList<AdmissionLadder> Ladders,
    DateTimeOffset IssuedAt,
    double EarlyExpected = 0)
{
    /// <summary>Before the coordinator spoke: off (nobody waits), nobody admitted by order.</summary>
    public static AdmissionBoard Initial { get; } = new(false, -1, 0, null, [], DateTimeOffset.MinValue);
}
