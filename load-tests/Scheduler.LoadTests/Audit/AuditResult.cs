namespace Scheduler.LoadTests.Audit;

/// <summary>The audit's verdict: it passes when no check failed (skipped checks are reported, not failed).</summary>
public sealed record AuditResult(IReadOnlyList<AuditCheck> Checks)
{
    public bool Passed => Checks.All(c => c.Status != AuditCheck.Failed);
}
