using Scheduler.Contracts;

namespace Scheduler.Grains.State;

/// <summary>What a transfer coordinator stores: the request, how far it got, and its outcome.</summary>
[GenerateSerializer, Alias("scheduler.TransferState")]
public sealed class TransferState
{
    [Id(0)]
    public TransferRequest? Request { get; set; }

    [Id(1)]
    public TransferStatus Status { get; set; }

    /// <summary>The final outcome: committed, or refused by an office. Null while the transfer may still be (re)run.</summary>
    [Id(2)]
    public TransferResult? Result { get; set; }

    /// <summary>Both offices have confirmed (committed) or dropped (aborted) their adjustment: nothing is left to settle.</summary>
    [Id(3)]
    public bool Settled { get; set; }
}
