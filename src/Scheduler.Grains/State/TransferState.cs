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

    [Id(2)]
    public TransferResult? Result { get; set; }
}
