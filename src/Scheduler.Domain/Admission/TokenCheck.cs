namespace Scheduler.Domain.Admission;

/// <summary>What a presented admission token is, before anyone asks whether it was spent.</summary>
public enum TokenCheck
{
    Valid,
    Forged,
    Expired,
}
