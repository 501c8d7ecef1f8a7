namespace Scheduler.Contracts;

/// <summary>
/// One batch, as recorded before any seat is given: its seed, the open requests (arrival order), the order the seed
/// drew, the free seats offered and the seat planned for each request, then the requests actually assigned (with
/// their codes). <see cref="Finished"/> once every planned seat has been settled. Replaying: the same seed and
/// inputs give the same order and plan (<c>Lottery.Plan</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.BatchRecord")]
public sealed record BatchRecord(
    string Id,
    string Procedure,
    long Seed,
    DateTimeOffset DecidedAt,
    string Actor,
    ReservePolicy? Reserve,
    IReadOnlyList<BatchCandidate> Requests,
    IReadOnlyList<string> Order,
    IReadOnlyList<OfferedDay> SeatsOffered,
    IReadOnlyList<PlannedSeat> Plan,
    IReadOnlyDictionary<string, string> Assigned,
    bool Finished)
{
    public int SeatCount => SeatsOffered.Sum(d => d.Slots.Sum(s => s.Free));
}
