using Scheduler.Api.Models;

namespace Scheduler.Api.Tests.Infrastructure;

/// <summary>Booking requests, cpp-biometrics unless told otherwise.</summary>
public static class Bookings
{
    public const string Biometrics = "cpp-biometrics";

    public static BookAppointmentRequest At(string officeId, DateOnly date, string? start, ApplicantRequest? applicant = null, string procedure = Biometrics) =>
        new(procedure, officeId, date.Text(), start, applicant ?? Applicants.Next());
}
