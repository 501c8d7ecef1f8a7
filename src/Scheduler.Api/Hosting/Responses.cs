using Scheduler.Api.Models;
using Scheduler.Api.Validation;
using Scheduler.Contracts;

namespace Scheduler.Api.Hosting;

/// <summary>Maps grain records to the HTTP contract's shapes.</summary>
public static class Responses
{
    public static AppointmentResponse ToResponse(this Appointment a) => new(
        a.Code,
        Status(a.Status),
        a.Procedure,
        a.OfficeId,
        RequestReader.Format(a.Date),
        RequestReader.Format(a.Start),
        RequestReader.Format(a.End),
        new ApplicantResponse(
            a.Applicant.Identity.DocumentType, a.Applicant.Identity.DocumentNumber, a.Applicant.Identity.Country,
            a.Applicant.FullName, a.Applicant.Email, a.Applicant.Phone),
        a.History.Select(h => new HistoryResponse(h.At, h.Action, h.By, h.Detail)).ToArray(),
        a.FiledAt,
        a.FiledInTime);

    public static DayResponse ToResponse(this DayAvailability day) => new(
        RequestReader.Format(day.Date), day.Capacity, day.Free,
        day.Slots.Select(s => new SlotResponse(RequestReader.Format(s.Start), RequestReader.Format(s.End), s.Capacity, s.Free)).ToArray());

    public static string Status(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Booked => "booked",
        AppointmentStatus.Cancelled => "cancelled",
        AppointmentStatus.CheckedIn => "checked-in",
        AppointmentStatus.Completed => "completed",
        AppointmentStatus.NoShow => "no-show",
        AppointmentStatus.Moved => "moved",
        _ => status.ToString().ToLowerInvariant(),
    };
}
