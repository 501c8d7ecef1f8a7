using System.Globalization;
using Scheduler.Contracts;

namespace Scheduler.Grains.Notifications;

/// <summary>
/// What a person receives when they ask for a lost code: one message per contact on file (e-mail, phone),
/// in Spanish and English. Only the contact given when booking or joining ever sees the code.
/// </summary>
public static class RecoveryMessages
{
    public static IEnumerable<OutboxMessage> ForAppointment(Appointment appointment)
    {
        var date = appointment.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var start = appointment.Start.ToString("HH:mm", CultureInfo.InvariantCulture);
        var text =
            $"MIGRACIONES: su cita {appointment.Procedure} en {appointment.OfficeId} el {date} a las {start} tiene el código {appointment.Code}. " +
            $"Your {appointment.Procedure} appointment at {appointment.OfficeId} on {date} at {start} has the code {appointment.Code}.";
        return To(appointment.Applicant, "Su código de cita / Your appointment code", text);
    }

    public static IEnumerable<OutboxMessage> ForWaitlistEntry(WaitlistEntry entry)
    {
        var text =
            $"MIGRACIONES: su inscripción en la lista de espera de {entry.Procedure} tiene el número {entry.Id}. " +
            $"Your place on the {entry.Procedure} waitlist has the id {entry.Id}.";
        return To(entry.Applicant, "Su lista de espera / Your waitlist entry", text);
    }

    private static IEnumerable<OutboxMessage> To(ApplicantDetails applicant, string subject, string text)
    {
        if (!string.IsNullOrWhiteSpace(applicant.Email))
        {
            yield return new OutboxMessage(NotificationChannel.Email, applicant.Email, subject, text);
        }

        if (!string.IsNullOrWhiteSpace(applicant.Phone))
        {
            yield return new OutboxMessage(NotificationChannel.Sms, applicant.Phone, subject, text);
        }
    }
}
