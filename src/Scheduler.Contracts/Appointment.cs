namespace Scheduler.Contracts;

/// <summary>A confirmed (or formerly confirmed) appointment as the day inventory that holds its seat stores it.</summary>
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
    IReadOnlyList<HistoryEntry> History)
{
    public DayKey Day => new(OfficeId, Procedure, Date);

    public bool IsActive => Status is AppointmentStatus.Booked or AppointmentStatus.CheckedIn;
}
