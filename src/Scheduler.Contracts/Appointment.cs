namespace Scheduler.Contracts;

/// <summary>
/// A confirmed (or formerly confirmed) appointment as the day inventory that holds its seat stores it. <paramref name="FiledAt"/>:
/// when the applicant asked (the booking, or the request it was assigned from), and whether that was before the
/// programme's deadline; <paramref name="Reserve"/>: a member of the regional reserve's group holds it, so it counts toward
/// the day's reserve.
/// </summary>
[GenerateSerializer, Immutable, Alias("scheduler.Appointment")]
public sealed record Appointment(
    string Code,
    AppointmentStatus Status,
    string Procedure,
    string OfficeId,
    DateOnly Date,
    TimeOnly Start,
    TimeOnly End,
    ApplicantDetails Applicant,
    IReadOnlyList<HistoryEntry> History,
    DateTimeOffset? FiledAt = null,
    bool FiledInTime = false,
    bool Reserve = false)
{
    public DayKey Day => new(OfficeId, Procedure, Date);

    public bool IsActive => Status is AppointmentStatus.Booked or AppointmentStatus.CheckedIn;
}
