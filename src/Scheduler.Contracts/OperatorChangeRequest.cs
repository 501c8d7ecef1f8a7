namespace Scheduler.Contracts;

/// <summary>
/// A capacity change or closure of one office as an operation: the change, the audit action it is recorded as
/// (<c>capacity-changed</c>, <c>day-closed</c>), what it does in words, and the operator's reason.
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.OperatorChangeRequest")]
public sealed record OperatorChangeRequest(string OfficeId, string Action, CapacityChange Change, string Description, string? Reason)
{
    /// <summary>Whether <paramref name="other"/> asks for the same change (who asked and why aside).</summary>
    public bool SameChange(OperatorChangeRequest other) =>
        OfficeId == other.OfficeId && Action == other.Action && Change.SameChange(other.Change);
}
