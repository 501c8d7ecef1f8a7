using Scheduler.Contracts;

namespace Scheduler.Domain.Tests;

internal static class TestOffices
{
    public static readonly Procedure Biometrics = new("cpp-biometrics", "Biometrics", 20, null);

    public static OfficeProfile Office(int counters = 4, params CapacityRule[] rules) => new(
        "lim-test", "Test office", "agency", "Lima", "Lima", -12.05, -77.04, "America/Lima",
        new Dictionary<DayOfWeek, OpeningHours>
        {
            [DayOfWeek.Monday] = new(new TimeOnly(8, 0), new TimeOnly(17, 0)),
            [DayOfWeek.Saturday] = new(new TimeOnly(8, 0), new TimeOnly(14, 0)),
        },
        new HashSet<DateOnly> { new(2026, 12, 8) },
        new Dictionary<string, int> { ["cpp-biometrics"] = counters },
        rules);

    public static DayPlan Plan(int capacity, params int[] startHours) =>
        new("lim-test", "cpp-biometrics", new DateOnly(2026, 12, 7),
            startHours.Select(h => new SlotPlan(new TimeOnly(h, 0), new TimeOnly(h, 20), capacity)).ToArray());

    public static ApplicantDetails Applicant(string number) => new(new ApplicantIdentity("CE", number, "VE"), "Ana Perez", null, null);
}
