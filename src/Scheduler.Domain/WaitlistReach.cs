using Scheduler.Contracts;

namespace Scheduler.Domain;

/// <summary>Where a waitlist entry may be seated, and which office's partition it waits in.</summary>
public static class WaitlistReach
{
    /// <summary>The office offering the entry's procedure nearest its home: the entry waits in that office's partition.</summary>
    public static OfficeSummary? HomeOffice(WaitlistEntry entry, IEnumerable<OfficeSummary> offices) =>
        offices.Where(o => o.Procedures.Contains(entry.Procedure)).MinBy(o => Distance(entry, o));

    /// <summary>Whether the office offers the entry's procedure within its radius.</summary>
    public static bool InReach(WaitlistEntry entry, OfficeSummary office) =>
        office.Procedures.Contains(entry.Procedure) && Distance(entry, office) <= entry.RadiusKm;

    /// <summary>Whether the entry wants a seat at the office on that date.</summary>
    public static bool Wants(WaitlistEntry entry, OfficeSummary office, DateOnly date) =>
        date >= entry.From && date <= entry.To && InReach(entry, office);

    public static double Distance(WaitlistEntry entry, OfficeSummary office) =>
        new GeoPoint(entry.HomeLatitude, entry.HomeLongitude).DistanceKmTo(new GeoPoint(office.Latitude, office.Longitude));
}
