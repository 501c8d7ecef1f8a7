using Orleans.Concurrency;

namespace Scheduler.Contracts;

/// <summary>
/// One slice of a procedure's waiting room (key: <c>procedure/n</c>; a ticket names its slice). Its tickets are rows
/// of their own; memory holds them in admission order, so a poll is answered from memory.
/// </summary>
[Alias("scheduler.IAdmissionPartitionGrain")]
public interface IAdmissionPartitionGrain : IGrainWithStringKey
{
    /// <summary>Stores a new ticket (once); null when the ticket was stored before (a solved challenge is good for one ticket).</summary>
    [Alias("Join")]
    Task<AdmissionPlace?> Join(string ticket, DateTimeOffset arrivedAt);

    /// <summary>The ticket's place; null when unknown.</summary>
    [Alias("Find"), AlwaysInterleave]
    Task<AdmissionPlace?> Find(string ticket);

    /// <summary>Applies the coordinator's board (admits keys up to its frontier) and answers the partition's report, with at most <paramref name="heads"/> head keys.</summary>
    [Alias("Publish")]
    Task<AdmissionPartitionReport> Publish(AdmissionBoard board, int heads);

    /// <summary>Spends an admitted ticket on a request with <paramref name="idempotencyKey"/> (null: a request without one, which cannot be retried).</summary>
    [Alias("Spend")]
    Task<TokenUse> Spend(string ticket, string? idempotencyKey);

    /// <summary>Gives the ticket back after its request was refused (slot full, bad input), so it can try again.</summary>
    [Alias("Return")]
    Task Return(string ticket, string? idempotencyKey);
}
