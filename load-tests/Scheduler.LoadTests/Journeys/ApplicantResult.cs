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

    /// <summary>A slot-grabbing script's identity (<c>--bots</c>), not a person acting for themself.</summary>
    public bool IsBot { get; init; }

    /// <summary>Home farther from the capital's offices than the far rule's distance.</summary>
    public bool HomeFar { get; init; }

    /// <summary>The scheduler said the request or booking was filed before the programme's deadline.</summary>
    public bool FiledInTime { get; init; }

    /// <summary>The request filed in batch mode, if any.</summary>
    public string? RequestId { get; init; }
}
