namespace Scheduler.Contracts;

/// <summary>
/// An operator's change to a procedure's allocation: one of <paramref name="Mode"/> (with <paramref name="CadenceMinutes"/>
/// and <paramref name="Force"/>), <paramref name="Reserve"/> (<paramref name="SetReserve"/>) or <paramref name="Deadline"/>
/// (<paramref name="SetDeadline"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.AllocationChange")]
public sealed record AllocationChange(
    string Action,
    AllocationMode? Mode,
    int? CadenceMinutes,
    bool Force,
    bool SetReserve,
    ReservePolicy? Reserve,
    bool SetDeadline,
    DateTimeOffset? Deadline,
    string Actor,
    string? Reason)
{
    /// <summary>Whether <paramref name="other"/> asks for the same change (a retry with the same operation id).</summary>
    public bool SameChange(AllocationChange other) =>
        Action == other.Action && Mode == other.Mode && CadenceMinutes == other.CadenceMinutes && Force == other.Force &&
        SetReserve == other.SetReserve && SetDeadline == other.SetDeadline && Deadline == other.Deadline &&
        (Reserve, other.Reserve) switch
        {
            (null, null) => true,
            ({ } a, { } b) => a.Share.Equals(b.Share) && a.FarFromCapitalKm.Equals(b.FarFromCapitalKm) &&
                a.FallbackLeadHours.Equals(b.FallbackLeadHours) && a.Departments.SequenceEqual(b.Departments),
            _ => false,
        };
}
