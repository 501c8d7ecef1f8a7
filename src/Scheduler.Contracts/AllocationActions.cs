namespace Scheduler.Contracts;

/// <summary>The actions of <see cref="AllocationChange"/>, as the audit trail names them.</summary>
public static class AllocationActions
{
    public const string Mode = "allocation-mode-set";
    public const string Reserves = "reserves-set";
    public const string Programme = "programme-deadline-set";
}
