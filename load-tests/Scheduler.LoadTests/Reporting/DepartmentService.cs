namespace Scheduler.LoadTests.Reporting;

/// <summary>Service figures for the applicants living in one department.</summary>
public sealed record DepartmentService(string Department, int Applicants, int Served, int ServedNearBeforeDeadline)
{
    public double ShareNearBeforeDeadline => Applicants == 0 ? 0 : (double)ServedNearBeforeDeadline / Applicants;
}
