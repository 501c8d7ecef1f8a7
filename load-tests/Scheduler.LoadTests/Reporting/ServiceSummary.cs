namespace Scheduler.LoadTests.Reporting;

/// <summary>
/// Did applicants get what they needed: a seat within <see cref="NearHomeKm"/> of home on or before the
/// deadline? Dropped arrivals count as not served.
/// </summary>
public sealed record ServiceSummary(
    double NearHomeKm,
    string DeadlineDate,
    int Applicants,
    IReadOnlyDictionary<string, int> Categories,
    IReadOnlyList<DepartmentService> Departments)
{
    public const string NearBeforeDeadline = "near-home-before-deadline";
    public const string NearAfterDeadline = "near-home-after-deadline";
    public const string FarBeforeDeadline = "far-before-deadline";
    public const string FarAfterDeadline = "far-after-deadline";
    public const string Cancelled = "cancelled-by-applicant";
    public const string NotServed = "not-served";

    public double ShareNearBeforeDeadline => Applicants == 0 ? 0 : (double)Categories.GetValueOrDefault(NearBeforeDeadline) / Applicants;
}
