namespace Scheduler.Contracts;

/// <summary>How an allocation change ended.</summary>
public enum AllocationChangeResult
{
    /// <summary>Applied; <see cref="AllocationChangeOutcome.CarriedOver"/> says how many open requests or waiting entries moved to the new mode.</summary>
    Applied = 0,

    /// <summary>Refused: requests (or waitlist entries) are open and the change did not pass <c>force</c>. Nothing changed.</summary>
    OpenRequests = 1,

    /// <summary>The operation id was used for a different change. Nothing changed.</summary>
    IdReused = 2,
}
