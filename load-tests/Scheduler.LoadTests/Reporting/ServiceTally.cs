using Scheduler.LoadTests.Journeys;

namespace Scheduler.LoadTests.Reporting;

/// <summary>
/// The service figures counted as applicants finish, instead of keeping every applicant's result until
/// the end (a peak run has a million applicants; keeping them all made the tool's heap, and its
/// garbage collections, grow with the run). Thread-safe.
/// </summary>
public sealed class ServiceTally(string deadlineDate)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _categories = new(StringComparer.Ordinal)
    {
        [ServiceSummary.NearBeforeDeadline] = 0,
        [ServiceSummary.NearAfterDeadline] = 0,
        [ServiceSummary.FarBeforeDeadline] = 0,
        [ServiceSummary.FarAfterDeadline] = 0,
        [ServiceSummary.Cancelled] = 0,
        [ServiceSummary.NotServed] = 0,
    };

    private readonly Dictionary<string, (int Applicants, int Served, int Good)> _departments = new(StringComparer.Ordinal);
    private int _applicants;

    public string DeadlineDate => deadlineDate;

    /// <summary>A tally of results already at hand.</summary>
    public static ServiceTally Of(IEnumerable<ApplicantResult> applicants, string deadlineDate)
    {
        var tally = new ServiceTally(deadlineDate);
        foreach (var a in applicants)
        {
            tally.Add(a);
        }

        return tally;
    }

    public void Add(ApplicantResult a)
    {
        var category = SummaryBuilder.Category(a, deadlineDate);
        var served = category is not (ServiceSummary.NotServed or ServiceSummary.Cancelled);
        var good = category == ServiceSummary.NearBeforeDeadline;
        lock (_gate)
        {
            _applicants++;
            _categories[category]++;
            var d = _departments.GetValueOrDefault(a.HomeDepartment);
            _departments[a.HomeDepartment] = (d.Applicants + 1, d.Served + (served ? 1 : 0), d.Good + (good ? 1 : 0));
        }
    }

    /// <summary>The figures so far; <paramref name="dropped"/> arrivals count as not served.</summary>
    public ServiceSummary ToSummary(int dropped)
    {
        lock (_gate)
        {
            var categories = new SortedDictionary<string, int>(_categories, StringComparer.Ordinal);
            categories[ServiceSummary.NotServed] += dropped;
            return new ServiceSummary(
                ApplicantJourney.NearHomeKm,
                deadlineDate,
                _applicants + dropped,
                categories,
                _departments
                    .Select(kv => new DepartmentService(kv.Key, kv.Value.Applicants, kv.Value.Served, kv.Value.Good))
                    .OrderByDescending(d => d.Applicants)
                    .ToList());
        }
    }
}
