namespace Scheduler.LoadTests.Audit;

/// <summary>One audit rule's verdict: <c>passed</c>, <c>failed</c> or <c>skipped</c>.</summary>
public sealed record AuditCheck(string Name, string Status, int Checked, int Violations, IReadOnlyList<string> Details, string? Note = null)
{
    public const string Passed = "passed";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
}
