namespace Scheduler.LoadTests.Journeys;

/// <summary>Names of how an applicant's journey can end.</summary>
public static class JourneyOutcome
{
    public const string Booked = "booked";
    public const string AlreadyBooked = "already-booked";
    public const string GaveUp = "gave-up";
    public const string NoAvailability = "no-availability";

    /// <summary>A <c>search-only</c> applicant who got both answers (no booking was meant).</summary>
    public const string Searched = "searched";
    public const string Rejected = "rejected";
    public const string Dropped = "dropped";
    public const string Failed = "failed";
    public const string CutOff = "cut-off";

    /// <summary>Batch mode: the request was assigned a seat.</summary>
    public const string Assigned = "assigned";

    /// <summary>Batch mode: the request was still open after the tool's last batch.</summary>
    public const string StillOpen = "still-open";

    /// <summary>Batch mode: the request's window ended (or it was withdrawn) without a seat.</summary>
    public const string Expired = "expired";
}
