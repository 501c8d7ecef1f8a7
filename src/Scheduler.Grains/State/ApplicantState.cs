using Scheduler.Contracts;

namespace Scheduler.Grains.State;

/// <summary>What an applicant grain stores for everyone holding one document number.</summary>
[GenerateSerializer, Alias("scheduler.ApplicantState")]
public sealed class ApplicantState
{
    /// <summary>Active claims, keyed by identity and procedure.</summary>
    [Id(0)]
    public Dictionary<string, Claim> Claims { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Idempotency keys seen recently.</summary>
    [Id(1)]
    public Dictionary<string, IdempotencyRecord> Requests { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Codes of appointments that ended (cancelled), with the day that keeps their record.</summary>
    [Id(2)]
    public Dictionary<string, DayKey> Closed { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The waitlist entry each identity x procedure currently has, keyed like <see cref="Claims"/>.</summary>
    [Id(3)]
    public Dictionary<string, string> Waiting { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Every waitlist entry of this document number, by id, with its procedure.</summary>
    [Id(4)]
    public Dictionary<string, string> WaitlistEntries { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The allocation request each identity x procedure last filed, keyed like <see cref="Claims"/>.</summary>
    [Id(5)]
    public Dictionary<string, string> Requesting { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Every allocation request of this document number, by id, with its procedure.</summary>
    [Id(6)]
    public Dictionary<string, string> RequestEntries { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The request each Idempotency-Key filed (a retry answers the same request).</summary>
    [Id(7)]
    public Dictionary<string, string> RequestKeys { get; set; } = new(StringComparer.Ordinal);
}
