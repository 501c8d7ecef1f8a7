namespace Scheduler.LoadTests.Journeys;

/// <summary>A concrete seat an applicant is about to ask for, and how far it is from home.</summary>
public sealed record SlotPick(string OfficeId, string Date, string? Start, double DistanceKm)
{
    /// <summary>Identifies the seat among those already tried.</summary>
    public string Key => $"{OfficeId}|{Date}|{Start}";
}
