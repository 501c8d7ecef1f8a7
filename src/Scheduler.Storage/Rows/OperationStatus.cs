namespace Scheduler.Storage;

/// <summary>Where an operator operation stands, as stored in <c>scheduler_operations.status</c>.</summary>
public static class OperationStatus
{
    /// <summary>Recorded and being carried out (or abandoned half-way: a retry or a reminder finishes it).</summary>
    public const string InProgress = "in-progress";

    /// <summary>Done: the change applied (a transfer: committed).</summary>
    public const string Completed = "completed";

    /// <summary>Ended without changing anything (refused, or a transfer aborted): not part of the audit trail.</summary>
    public const string Refused = "refused";
}
