namespace Scheduler.Contracts;

/// <summary>Where a counter transfer stands.</summary>
public enum TransferStatus
{
    Pending = 0,
    Committed = 1,
    Aborted = 2,
}
