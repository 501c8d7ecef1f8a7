namespace Scheduler.LoadTests.Journeys;

/// <summary>How one applicant's journey ended, for the report.</summary>
public sealed record ApplicantResult
{
    public required int ApplicantId { get; init; }
    public required string HomeOfficeId { get; init; }
    public required string HomeDepartment { get; init; }
    public required string Outcome { get; init; }
    public required double ArrivedAtSeconds { get; init; }
    public required double FinishedAtSeconds { get; init; }
    public string? OfficeId { get; init; }
    public string? Date { get; init; }
    public double? DistanceKm { get; init; }
    public int Searches { get; init; }
    public int BookingAttempts { get; init; }
    public bool Rescheduled { get; init; }
    public bool Cancelled { get; init; }
}
