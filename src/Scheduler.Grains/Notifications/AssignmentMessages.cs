using System.Globalization;
using Scheduler.Contracts;

namespace Scheduler.Grains.Notifications;

/// <summary>
/// What a person receives when a batch gives their request a seat: one message per contact given with the request,
/// in Spanish and English, with the appointment's code (only that contact ever sees it).
/// </summary>
public static class AssignmentMessages
{
    public static IReadOnlyList<OutboxMessage> For(Appointment appointment, string requestId)
    {
        var date = appointment.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var start = appointment.Start.ToString("HH:mm", CultureInfo.InvariantCulture);
        var text =
            $"MIGRACIONES: su solicitud {requestId} obtuvo una cita {appointment.Procedure} en {appointment.OfficeId} el {date} a las {start}, código {appointment.Code}. " +
            $"Your request {requestId} got a {appointment.Procedure} appointment at {appointment.OfficeId} on {date} at {start}, code {appointment.Code}.";
        const string Subject = "Su cita asignada / Your assigned appointment";
        var messages = new List<OutboxMessage>();
        if (!string.IsNullOrWhiteSpace(appointment.Applicant.Email))
        {
            messages.Add(new OutboxMessage(NotificationChannel.Email, appointment.Applicant.Email, Subject, text));
        }

        if (!string.IsNullOrWhiteSpace(appointment.Applicant.Phone))
        {
            messages.Add(new OutboxMessage(NotificationChannel.Sms, appointment.Applicant.Phone, Subject, text));
        }

        return messages;
    }
}
