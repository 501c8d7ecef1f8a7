namespace Scheduler.Contracts;

/// <summary>
/// What the seat-taking rule needs to know beside the seats: the day's regional reserve (<paramref name="ReserveShare"/>
/// of its seats, held until <paramref name="FallbackLeadHours"/> before each slot), whether the applicant belongs to
/// the reserve's group, and when the applicant filed (recorded on the appointment, with whether that was in time).
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.SeatPolicy")]
public sealed record SeatPolicy(double ReserveShare, double FallbackLeadHours, bool InReserveGroup, DateTimeOffset? FiledAt, bool FiledInTime)
{
    public static SeatPolicy For(AllocationSettings settings, bool inReserveGroup, DateTimeOffset filedAt) =>
        new(settings.Reserve?.Share ?? 0, settings.Reserve?.FallbackLeadHours ?? 0, inReserveGroup, filedAt, settings.InTime(filedAt));
}
